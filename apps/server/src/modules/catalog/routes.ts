import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  CreateProductBodySchema, ErrorResponseSchema, IdParamsSchema, ListProductsQuerySchema, ProductPageSchema, ProductViewSchema,
  ShopProductsParamsSchema, ShopProductsQuerySchema, UpdateProductBodySchema,
} from '@hotland/contracts'
import type { CatalogService } from './service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema }
const tags = ['catalog']

/** Routes under /api/products. */
export const productsRoutes: FastifyPluginAsyncTypebox<{ catalog: CatalogService }> = async (app, { catalog }) => {
  app.get('/', { schema: { tags, summary: 'Products on sale: by county, category, keyword, shop; newest first', querystring: ListProductsQuerySchema, response: { 200: ProductPageSchema, ...errors } } },
    async (req) => catalog.list(req.query))
  app.get('/:id', { schema: { tags, summary: 'A product (drafts only for the shop\'s members)', params: IdParamsSchema, response: { 200: ProductViewSchema, ...errors } } },
    async (req) => catalog.get(req.actor, req.params.id))
  app.patch('/:id', { schema: { tags, summary: 'Edit a product and its SKUs (owner or operator)', params: IdParamsSchema, body: UpdateProductBodySchema, response: { 200: ProductViewSchema, ...errors } } },
    async (req) => catalog.update(req.actor, req.params.id, req.body))
}

/** Routes under /api/shops/:shopId/products. */
export const shopProductsRoutes: FastifyPluginAsyncTypebox<{ catalog: CatalogService }> = async (app, { catalog }) => {
  app.get('/:shopId/products', { schema: { tags, summary: 'All of a shop\'s products, any status (members)', params: ShopProductsParamsSchema, querystring: ShopProductsQuerySchema, response: { 200: ProductPageSchema, ...errors } } },
    async (req) => catalog.shopProducts(req.actor, req.params.shopId, req.query))
  app.post('/:shopId/products', { schema: { tags, summary: 'Add a product with SKUs (owner or operator)', params: ShopProductsParamsSchema, body: CreateProductBodySchema, response: { 201: ProductViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await catalog.create(req.actor, req.params.shopId, req.body)))
}
