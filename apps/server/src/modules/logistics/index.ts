export { createLogisticsService, type LogisticsService } from './service.ts'
export { logisticsRoutes } from './routes.ts'
export { renderLabels, defaultLabelFonts } from './labels.ts'
