import type { CartView } from '@hotland/contracts'

export interface CartSelection {
  /** Lines to send to checkout, in cart order. */
  items: { skuId: string; qty: number }[]
  itemsFen: number
  count: number
  hasFresh: boolean
  /** Selected shops (orders are split per shop). */
  shops: number
}

/** Totals of the selected, available cart lines (integer fen; shipping comes from the server's preview). */
export function cartSelection(cart: CartView | null, selected: ReadonlySet<string>): CartSelection {
  const out: CartSelection = { items: [], itemsFen: 0, count: 0, hasFresh: false, shops: 0 }
  if (!cart) return out
  for (const shop of cart.shops) {
    let any = false
    for (const it of shop.items) {
      if (!selected.has(it.skuId) || !it.available || it.qty <= 0) continue
      any = true
      out.items.push({ skuId: it.skuId, qty: it.qty })
      out.itemsFen += it.priceFen * it.qty
      out.count += it.qty
      if (it.isFresh) out.hasFresh = true
    }
    if (any) out.shops++
  }
  return out
}

/** "sku_a:2,sku_b:1" ⇄ lines, for the checkout page's URL (survives a reload on a flaky phone). */
export function encodeLines(items: readonly { skuId: string; qty: number }[]): string {
  return items.map((i) => `${i.skuId}:${i.qty}`).join(',')
}
export function decodeLines(text: unknown): { skuId: string; qty: number }[] {
  if (typeof text !== 'string' || !text) return []
  return text.split(',').flatMap((part) => {
    const [skuId, q] = part.split(':')
    const qty = Number(q)
    return skuId && Number.isInteger(qty) && qty > 0 && qty < 1000 ? [{ skuId, qty }] : []
  })
}
