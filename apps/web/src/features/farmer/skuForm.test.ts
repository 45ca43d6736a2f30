import { describe, expect, it } from 'vitest'
import { newSkuRow, rowsToSkus, skuRowFromView } from './skuForm'

describe('rowsToSkus', () => {
  it('converts yuan text to integer fen and grams/stock to integers', () => {
    const r = rowsToSkus([
      newSkuRow({ name: ' 80mm 5kg ', price: '39.9', stock: '100', weight: '5000' }),
      newSkuRow({ id: 'sku_1', name: '85mm 10kg', price: '128', stock: '0', weight: '10000' }),
    ])
    expect(r.ok).toBe(true)
    expect(r.skus).toEqual([
      { name: '80mm 5kg', priceFen: 3990, stock: 100, weightGrams: 5000 },
      { id: 'sku_1', name: '85mm 10kg', priceFen: 12800, stock: 0, weightGrams: 10000 },
    ])
  })

  it('points at each bad box with an i18n key', () => {
    const r = rowsToSkus([newSkuRow({ name: '', price: '3.999', stock: '1.5', weight: '0' })])
    expect(r.ok).toBe(false)
    expect(r.errors[0]).toEqual({
      name: 'sku.errors.nameRequired', price: 'sku.errors.price', stock: 'sku.errors.stock', weight: 'sku.errors.weight',
    })
  })

  it('refuses duplicate names and a zero price', () => {
    const r = rowsToSkus([
      newSkuRow({ name: '5kg', price: '10', stock: '1', weight: '5000' }),
      newSkuRow({ name: '5kg', price: '0', stock: '1', weight: '5000' }),
    ])
    expect(r.ok).toBe(false)
    expect(r.errors[1]).toEqual({ name: 'sku.errors.nameDuplicate', price: 'sku.errors.price' })
  })

  it('needs at least one row', () => {
    expect(rowsToSkus([]).ok).toBe(false)
  })

  it('fills a row from a saved SKU with the price back in yuan', () => {
    // a variable, not a literal: compiles whether or not SkuView has grown more fields (gtin)
    const saved = { id: 'sku_2', name: '5kg', priceFen: 4980, stock: 3, weightGrams: 5000, perBuyerLimit: null, gtin: null }
    expect(skuRowFromView(saved))
      .toMatchObject({ id: 'sku_2', name: '5kg', price: '49.80', stock: '3', weight: '5000' })
  })
})
