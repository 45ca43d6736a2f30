import { describe, expect, it } from 'vitest'
import type { SkuForSale } from '../catalog/index.ts'
import { oneSkuPerSale } from './one-sku-per-sale.ts'

const sku = (over: Partial<SkuForSale>): SkuForSale => ({
  skuId: 'sku_1', productId: 'prd_1', shopId: 'shp_1', title: '苹果', skuName: '5斤', priceFen: 4980, stock: 10, perBuyerLimit: null, isFresh: false,
  onSale: true, coverImageId: null, ...over,
})
const grab = (saleId: string, snapshot: SkuForSale, freshConfirmed: boolean, id: string) => ({ id, sale: { id: saleId }, sku: snapshot, freshConfirmed })

describe('one SKU snapshot per sale in a flash batch', () => {
  it('gives every grab of a sale the first grab\'s snapshot, per sale', () => {
    const older = sku({ title: '苹果' })
    const newer = sku({ title: '红富士苹果' })
    const other = sku({ skuId: 'sku_2', title: '梨' })
    const { kept, notConfirmed } = oneSkuPerSale([grab('fls_a', newer, false, 'g1'), grab('fls_b', other, false, 'g2'), grab('fls_a', older, false, 'g3')])
    expect(notConfirmed).toEqual([])
    expect(kept.map((g) => [g.id, g.sku.title])).toEqual([['g1', '红富士苹果'], ['g2', '梨'], ['g3', '红富士苹果']])
  })

  it('refuses a grab checked against a not-fresh snapshot when the batch\'s snapshot is fresh and it did not confirm', () => {
    const fresh = sku({ isFresh: true })
    const notFresh = sku({ isFresh: false })
    const { kept, notConfirmed } = oneSkuPerSale([grab('fls_a', fresh, true, 'g1'), grab('fls_a', notFresh, false, 'g2'), grab('fls_a', notFresh, true, 'g3')])
    expect(kept.map((g) => g.id)).toEqual(['g1', 'g3'])
    expect(notConfirmed.map((g) => g.id)).toEqual(['g2'])
    expect(kept.every((g) => g.sku.isFresh)).toBe(true)
  })

  it('keeps an unconfirmed grab when the batch\'s snapshot is not fresh, even if its own was', () => {
    const { kept, notConfirmed } = oneSkuPerSale([grab('fls_a', sku({ isFresh: false }), false, 'g1'), grab('fls_a', sku({ isFresh: true }), true, 'g2')])
    expect(kept.map((g) => g.id)).toEqual(['g1', 'g2'])
    expect(notConfirmed).toEqual([])
  })
})
