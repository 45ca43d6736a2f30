import type { Category, ProductStatus, Role } from '@hotland/contracts'

// Runtime copies of the contract enums (types only come from @hotland/contracts: no TypeBox in the phone bundle).
// The `satisfies` + exhaustiveness checks below make typecheck fail if the contracts add a value we forgot.
export const CATEGORIES = ['fruit', 'vegetable', 'grain', 'tea', 'meat', 'eggs', 'aquatic', 'processed'] as const satisfies readonly Category[]
export const PRODUCT_STATUSES = ['draft', 'on_sale', 'off_shelf'] as const satisfies readonly ProductStatus[]
export const ROLES = ['buyer', 'farmer', 'commissioner', 'county_admin', 'platform_admin'] as const satisfies readonly Role[]

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false
export const categoriesExhaustive: Exhaustive<Category, (typeof CATEGORIES)[number]> = true
export const statusesExhaustive: Exhaustive<ProductStatus, (typeof PRODUCT_STATUSES)[number]> = true
export const rolesExhaustive: Exhaustive<Role, (typeof ROLES)[number]> = true

export function isCategory(v: unknown): v is Category {
  return typeof v === 'string' && (CATEGORIES as readonly string[]).includes(v)
}
