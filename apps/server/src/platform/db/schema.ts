// Barrel of every module's tables: what drizzle-kit generates migrations from and what the query builder knows.
export * from '../../modules/accounts/tables.ts'
export * from '../../modules/regions/tables.ts'
export * from '../../modules/shops/tables.ts'
export * from '../../modules/media/tables.ts'
export * from '../../modules/catalog/tables.ts'
export * from '../../modules/live/tables.ts'
export * from '../../modules/orders/tables.ts'
export * from '../../modules/payments/tables.ts'
