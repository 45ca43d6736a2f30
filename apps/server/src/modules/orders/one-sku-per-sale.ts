import type { SkuForSale } from '../catalog/index.ts'

/**
 * A batch writes a sale's product fields once, so all its grabs of that sale must take the same SKU snapshot (the
 * first grab's), for the rows and for the answers alike. A grab that was checked against another snapshot in which
 * the product was not fresh, and so did not have to confirm fresh produce, is refused if the batch's snapshot is fresh.
 * Sets each kept grab's `sku` to its sale's snapshot.
 */
export function oneSkuPerSale<G extends { sale: { id: string }; sku: SkuForSale; freshConfirmed: boolean }>(batch: G[]): { kept: G[]; notConfirmed: G[] } {
  const skus = new Map<string, SkuForSale>()
  const kept: G[] = []
  const notConfirmed: G[] = []
  for (const g of batch) {
    const sku = skus.get(g.sale.id) ?? g.sku
    skus.set(g.sale.id, sku)
    g.sku = sku
    if (sku.isFresh && !g.freshConfirmed) notConfirmed.push(g)
    else kept.push(g)
  }
  return { kept, notConfirmed }
}
