import { describe, expect, it } from 'vitest'
import type { CartItem, CartView } from '@hotland/contracts'
import { cartSelection, decodeLines, encodeLines } from './cartTotals'

function item(skuId: string, shopId: string, priceFen: number, qty: number, over: Partial<CartItem> = {}): CartItem {
  return { skuId, productId: `p_${skuId}`, shopId, title: skuId, skuName: '5kg', priceFen, qty, stock: 99, isFresh: false, coverUrl: null, onSale: true, available: true, ...over }
}
const cart: CartView = {
  shops: [
    { shopId: 's1', shopName: '张大叔果园', items: [item('a', 's1', 4980, 2, { isFresh: true }), item('b', 's1', 1990, 1)] },
    { shopId: 's2', shopName: '李婶茶园', items: [item('c', 's2', 12800, 1), item('d', 's2', 500, 3, { available: false })] },
  ],
  itemsFen: 0, count: 0,
}

describe('cart totals', () => {
  it('sums only the selected, available lines in fen', () => {
    const sel = cartSelection(cart, new Set(['a', 'c', 'd']))
    expect(sel.itemsFen).toBe(4980 * 2 + 12800)
    expect(sel.count).toBe(3)
    expect(sel.items).toEqual([{ skuId: 'a', qty: 2 }, { skuId: 'c', qty: 1 }])
    expect(sel.shops).toBe(2)
    expect(sel.hasFresh).toBe(true)
  })

  it('is empty with nothing selected', () => {
    expect(cartSelection(cart, new Set())).toEqual({ items: [], itemsFen: 0, count: 0, hasFresh: false, shops: 0 })
    expect(cartSelection(null, new Set(['a'])).count).toBe(0)
  })

  it('round-trips lines through the checkout URL and drops junk', () => {
    const lines = [{ skuId: 'sku_1', qty: 2 }, { skuId: 'sku_2', qty: 1 }]
    expect(decodeLines(encodeLines(lines))).toEqual(lines)
    expect(decodeLines('sku_1:0,sku_2:x,:3,sku_3:1')).toEqual([{ skuId: 'sku_3', qty: 1 }])
    expect(decodeLines(undefined)).toEqual([])
  })
})
