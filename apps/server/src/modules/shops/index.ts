export { createShopsService, type ShopsService } from './service.ts'
export { shopsRoutes } from './routes.ts'
