export { createCatalogService, type CatalogService } from './service.ts'
export { productsRoutes, shopProductsRoutes } from './routes.ts'
export { stockRepository, type StockRepository, type SkuForSale } from './stock.ts'
