export { createTraceabilityService, type TraceabilityService, EPCIS_CONTEXT } from './service.ts'
export { epcisRoutes } from './routes.ts'
export { lotKeyOf } from './normalize.ts'
export { digitalLinkRoutes } from './digital-link.routes.ts'
