export { createHarvestService, type HarvestService } from './service.ts'
export { harvestRoutes } from './routes.ts'
export { createTraceService, type TraceService } from './trace.service.ts'
export { traceRoutes } from './routes.ts'
