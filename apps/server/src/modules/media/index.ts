export { createMediaService, type MediaService } from './service.ts'
export { mediaRoutes } from './routes.ts'
