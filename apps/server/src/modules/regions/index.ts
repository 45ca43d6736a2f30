export { createRegionsService, type RegionsService, type CountyStats } from './service.ts'
export { regionsRoutes } from './routes.ts'
export { isFunctionalZoneCode } from './area-data.ts'
