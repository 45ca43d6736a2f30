import type { ShippingRules } from '@hotland/contracts'

export const DEFAULT_SHIPPING_RULES: ShippingRules = { baseFeeFen: 0, freeAboveFen: null, provinceFees: [], excludedProvinces: [] }

/** Shipping fee for one shop's part of an order, or null when the shop does not ship to that province. */
export function shippingFee(rules: ShippingRules, provinceCode: string, itemsFen: number): number | null {
  if (rules.excludedProvinces.includes(provinceCode)) return null
  if (rules.freeAboveFen !== null && itemsFen >= rules.freeAboveFen) return 0
  return rules.provinceFees.find((p) => p.provinceCode === provinceCode)?.feeFen ?? rules.baseFeeFen
}

/** Platform fee on an amount, rounded half up to whole fen. */
export function feeOf(amountFen: number, bps: number): number {
  return Math.floor((amountFen * bps + 5000) / 10000)
}
