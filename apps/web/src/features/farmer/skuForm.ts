import type { SkuInput, SkuView } from '@hotland/contracts'
import { fenToYuan, yuanToFen } from '@/lib/money'

/** One SKU row as typed by the farmer: price in yuan, weight in grams, all as text. */
export interface SkuRow {
  key: number
  id?: string
  name: string
  price: string
  stock: string
  weight: string
}

export type SkuRowErrors = Partial<Record<'name' | 'price' | 'stock' | 'weight', string>>

let keySeq = 1
export function newSkuRow(partial: Partial<Omit<SkuRow, 'key'>> = {}): SkuRow {
  return { key: keySeq++, name: '', price: '', stock: '', weight: '', ...partial }
}

export function skuRowFromView(s: SkuView): SkuRow {
  return newSkuRow({ id: s.id, name: s.name, price: fenToYuan(s.priceFen), stock: String(s.stock), weight: String(s.weightGrams) })
}

function intIn(text: string, min: number, max: number): number | null {
  const v = text.trim()
  if (!/^\d+$/.test(v)) return null
  const n = Number(v)
  return n >= min && n <= max ? n : null
}

/**
 * Turns rows into the API's SkuInput[] (price → integer fen). Returns per-row error keys (i18n) when something
 * is off, so the form can point at the exact box.
 */
export function rowsToSkus(rows: SkuRow[]): { skus: SkuInput[]; errors: SkuRowErrors[]; ok: boolean } {
  const errors: SkuRowErrors[] = []
  const skus: SkuInput[] = []
  const names = new Set<string>()
  for (const row of rows) {
    const e: SkuRowErrors = {}
    const name = row.name.trim()
    if (!name) e.name = 'sku.errors.nameRequired'
    else if (name.length > 40) e.name = 'sku.errors.nameTooLong'
    else if (names.has(name)) e.name = 'sku.errors.nameDuplicate'
    names.add(name)
    const priceFen = yuanToFen(row.price)
    if (priceFen === null || priceFen < 1 || priceFen > 10_000_000) e.price = 'sku.errors.price'
    const stock = intIn(row.stock, 0, 1_000_000)
    if (stock === null) e.stock = 'sku.errors.stock'
    const weightGrams = intIn(row.weight, 1, 100_000)
    if (weightGrams === null) e.weight = 'sku.errors.weight'
    errors.push(e)
    if (Object.keys(e).length === 0 && priceFen !== null && stock !== null && weightGrams !== null) {
      skus.push({ ...(row.id ? { id: row.id } : {}), name, priceFen, stock, weightGrams })
    }
  }
  const ok = rows.length > 0 && errors.every((e) => Object.keys(e).length === 0)
  return { skus, errors, ok }
}
