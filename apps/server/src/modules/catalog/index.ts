export { createCatalogService, type CatalogService } from './service.ts'
export { productsRoutes, shopProductsRoutes } from './routes.ts'
