import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AddMemberBodySchema, AuditListSchema, ErrorResponseSchema, IdParamsSchema, ListShopsQuerySchema, OpenShopBodySchema,
  PayoutAccountBodySchema, PayoutAccountViewSchema, ProposeTransferBodySchema, ShopListSchema, ShopMemberListSchema,
  ShopMemberParamsSchema, ShopPageSchema, ShopViewSchema, TransferListSchema, TransferParamsSchema, TransferViewSchema,
  UpdateShopBodySchema,
} from '@hotland/contracts'
import type { ShopsService } from './service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema }
const tags = ['shops']

export const shopsRoutes: FastifyPluginAsyncTypebox<{ shops: ShopsService }> = async (app, { shops }) => {
  app.get('/', { schema: { tags, summary: 'List shops, newest first', querystring: ListShopsQuerySchema, response: { 200: ShopPageSchema, ...errors } } },
    async (req) => shops.list(req.actor, req.query))

  app.get('/mine', { schema: { tags, summary: 'Shops I own or operate', response: { 200: ShopListSchema, ...errors } } },
    async (req) => shops.mine(req.actor))

  app.get('/following', { schema: { tags, summary: 'Shops I follow, most recent first', response: { 200: ShopListSchema, ...errors } } },
    async (req) => shops.following(req.actor))

  app.post('/', { schema: { tags, summary: 'Open a shop (the caller becomes its owner)', body: OpenShopBodySchema, response: { 201: ShopViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await shops.open(req.actor, req.body)))

  app.get('/:id', { schema: { tags, summary: 'A shop', params: IdParamsSchema, response: { 200: ShopViewSchema, ...errors } } },
    async (req) => shops.get(req.actor, req.params.id))

  app.patch('/:id', { schema: { tags, summary: 'Edit a shop (owner or operator)', params: IdParamsSchema, body: UpdateShopBodySchema, response: { 200: ShopViewSchema, ...errors } } },
    async (req) => shops.update(req.actor, req.params.id, req.body))

  app.post('/:id/follow', { schema: { tags, summary: 'Follow a shop', params: IdParamsSchema, response: { 200: ShopViewSchema, ...errors } } },
    async (req) => shops.follow(req.actor, req.params.id, true))
  app.delete('/:id/follow', { schema: { tags, summary: 'Unfollow a shop', params: IdParamsSchema, response: { 200: ShopViewSchema, ...errors } } },
    async (req) => shops.follow(req.actor, req.params.id, false))

  app.get('/:id/members', { schema: { tags, summary: 'Members (members only)', params: IdParamsSchema, response: { 200: ShopMemberListSchema, ...errors } } },
    async (req) => shops.members(req.actor, req.params.id))
  app.post('/:id/members', { schema: { tags, summary: 'Add an operator by phone (owner)', params: IdParamsSchema, body: AddMemberBodySchema, response: { 201: ShopMemberListSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await shops.addMember(req.actor, req.params.id, req.body.phone)))
  app.delete('/:id/members/:userId', { schema: { tags, summary: 'Remove a member (owner)', params: ShopMemberParamsSchema, response: { 200: ShopMemberListSchema, ...errors } } },
    async (req) => shops.removeMember(req.actor, req.params.id, req.params.userId))

  app.get('/:id/transfers', { schema: { tags, summary: 'Ownership transfers (members)', params: IdParamsSchema, response: { 200: TransferListSchema, ...errors } } },
    async (req) => shops.transfers(req.actor, req.params.id))
  app.post('/:id/transfers', { schema: { tags, summary: 'Propose a member as the new owner (owner)', params: IdParamsSchema, body: ProposeTransferBodySchema, response: { 201: TransferViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await shops.proposeTransfer(req.actor, req.params.id, req.body.toUserId)))
  app.post('/:id/transfers/:transferId/accept', { schema: { tags, summary: 'Accept ownership (the proposed member)', params: TransferParamsSchema, response: { 200: TransferViewSchema, ...errors } } },
    async (req) => shops.acceptTransfer(req.actor, req.params.id, req.params.transferId))
  app.post('/:id/transfers/:transferId/decline', { schema: { tags, summary: 'Decline ownership (the proposed member)', params: TransferParamsSchema, response: { 200: TransferViewSchema, ...errors } } },
    async (req) => shops.declineTransfer(req.actor, req.params.id, req.params.transferId))
  app.post('/:id/transfers/:transferId/cancel', { schema: { tags, summary: 'Cancel a pending transfer (owner)', params: TransferParamsSchema, response: { 200: TransferViewSchema, ...errors } } },
    async (req) => shops.cancelTransfer(req.actor, req.params.id, req.params.transferId))

  app.get('/:id/audit', { schema: { tags, summary: 'Audit log (members)', params: IdParamsSchema, response: { 200: AuditListSchema, ...errors } } },
    async (req) => shops.auditLog(req.actor, req.params.id))

  app.get('/:id/payout-account', { schema: { tags, summary: 'Payout account (owner)', params: IdParamsSchema, response: { 200: PayoutAccountViewSchema, ...errors } } },
    async (req) => shops.payoutAccount(req.actor, req.params.id))
  app.put('/:id/payout-account', { schema: { tags, summary: 'Set the payout account (owner)', params: IdParamsSchema, body: PayoutAccountBodySchema, response: { 200: PayoutAccountViewSchema, ...errors } } },
    async (req) => shops.setPayoutAccount(req.actor, req.params.id, req.body))
}
