import type {
  AuditEntry, ListShopsQuery, OpenShopBody, PayoutAccountBody, PayoutAccountView, ShopMemberView, ShopView, TransferView, UpdateShopBody,
} from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Sealer } from '../../platform/crypto.ts'
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts'
import type { Db } from '../../platform/db/client.ts'
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import { maskPhone, maskTail } from '../../platform/mask.ts'
import type { MediaService } from '../media/index.ts'
import { shopsRepository, type ShopRow, type ShopsRepository, type TransferRow } from './repository.ts'

export interface ShopsDeps {
  db: Db
  clock: Clock
  sealer: Sealer
  media: MediaService
  regions: {
    requireCounty(code: string, field: string): Promise<{ code: string; name: string }>
    countyNames(codes: string[]): Promise<Map<string, string>>
  }
  users: {
    byIds(ids: string[]): Promise<Array<{ id: string; displayName: string; phone: string }>>
    byPhone(phone: string): Promise<{ id: string; displayName: string } | null>
    grantRole(id: string, role: 'farmer'): Promise<void>
  }
  /** On-sale product counts per shop, from the catalog module (wired in app.ts). */
  productCounts(shopIds: string[]): Promise<Map<string, number>>
}

export function createShopsService(deps: ShopsDeps) {
  const repo = shopsRepository(deps.db)
  const inTx = <T>(fn: (r: ShopsRepository) => Promise<T>) => deps.db.transaction((tx) => fn(shopsRepository(tx as unknown as Db)))

  async function shopOr404(id: string) {
    const s = await repo.shopById(id)
    if (!s) throw notFound('SHOPS_NOT_FOUND', 'Shop not found')
    return s
  }

  async function requireMember(actorOrNull: Actor | null, shopId: string) {
    const actor = requireActor(actorOrNull)
    const shop = await shopOr404(shopId)
    const m = await repo.member(shopId, actor.id)
    if (!m) throw forbidden('SHOPS_NOT_MEMBER', 'You are not a member of this shop')
    return { actor, shop, role: m.role }
  }

  async function requireOwner(actorOrNull: Actor | null, shopId: string) {
    const ctx = await requireMember(actorOrNull, shopId)
    if (ctx.role !== 'owner') throw forbidden('SHOPS_NOT_OWNER', 'Only the shop owner may do this')
    return ctx
  }

  async function views(rows: ShopRow[], actor: Actor | null): Promise<ShopView[]> {
    const ids = rows.map((r) => r.id)
    const [owners, counties, followers, products, followed, roles, pending] = await Promise.all([
      deps.users.byIds(rows.map((r) => r.ownerId)),
      deps.regions.countyNames(rows.map((r) => r.countyCode)),
      repo.followerCounts(ids),
      deps.productCounts(ids),
      actor ? repo.followedAmong(actor.id, ids) : Promise.resolve([] as string[]),
      actor ? repo.membershipsAmong(actor.id, ids) : Promise.resolve([]),
      actor ? repo.pendingTransfersTo(actor.id, ids) : Promise.resolve([]),
    ])
    const pendingNames = new Map((await deps.users.byIds(pending.map((p) => p.fromUserId))).map((u) => [u.id, u.displayName]))
    const ownerName = new Map(owners.map((o) => [o.id, o.displayName]))
    const followerCount = new Map(followers.map((f) => [f.shopId, f.n]))
    return rows.map((r, i) => ({
      id: r.id,
      name: r.name,
      story: r.story,
      countyCode: r.countyCode,
      countyName: counties.get(r.countyCode) ?? '',
      town: r.town,
      village: r.village,
      coverUrl: r.coverImageId ? deps.media.urlsOf(r.coverImageId).large : null,
      coverImageId: r.coverImageId,
      ownerId: r.ownerId,
      ownerDisplayName: ownerName.get(r.ownerId) ?? '',
      followerCount: followerCount.get(r.id) ?? 0,
      productCount: products.get(r.id) ?? 0,
      myRole: roles.find((m) => m.shopId === r.id)?.role ?? null,
      followedByMe: followed.includes(r.id),
      pendingTransferToMe: (() => {
        const p = pending.find((t) => t.shopId === r.id)
        return p ? { id: p.id, fromDisplayName: pendingNames.get(p.fromUserId) ?? '' } : null
      })(),
      isDemo: r.isDemo,
      createdAt: r.createdAt.toISOString(),
    }))
  }
  const view = async (row: ShopRow, actor: Actor | null) => (await views([row], actor))[0]!

  async function transferViews(rows: TransferRow[]): Promise<TransferView[]> {
    const users = new Map((await deps.users.byIds(rows.flatMap((r) => [r.fromUserId, r.toUserId]))).map((u) => [u.id, u.displayName]))
    return rows.map((r) => ({
      id: r.id, shopId: r.shopId, fromUserId: r.fromUserId, fromDisplayName: users.get(r.fromUserId) ?? '',
      toUserId: r.toUserId, toDisplayName: users.get(r.toUserId) ?? '', status: r.status,
      createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null,
    }))
  }

  async function memberViews(shopId: string): Promise<ShopMemberView[]> {
    const members = await repo.members(shopId)
    const users = new Map((await deps.users.byIds(members.map((m) => m.userId))).map((u) => [u.id, u]))
    return members
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'owner' ? -1 : 1))
      .map((m) => ({
        userId: m.userId, displayName: users.get(m.userId)?.displayName ?? '', phoneMasked: maskPhone(users.get(m.userId)?.phone ?? ''),
        role: m.role, joinedAt: m.joinedAt.toISOString(),
      }))
  }

  const audit = (r: ShopsRepository, shopId: string, actorId: string, action: string, detail: Record<string, unknown> = {}) =>
    r.insertAudit({ id: newId('aud'), shopId, actorId, action, detail, at: deps.clock.now() })

  return {
    async open(actorOrNull: Actor | null, body: OpenShopBody): Promise<ShopView> {
      const actor = requireActor(actorOrNull)
      await deps.regions.requireCounty(body.countyCode, 'body.countyCode')
      if (body.coverImageId) await deps.media.requireImages([body.coverImageId], 'body.coverImageId')
      const now = deps.clock.now()
      const shop = await inTx(async (r) => {
        const s = await r.insertShop({
          id: newId('shp'), name: body.name.trim(), story: body.story ?? '', countyCode: body.countyCode,
          town: body.town ?? '', village: body.village ?? '', coverImageId: body.coverImageId ?? null,
          ownerId: actor.id, createdAt: now, updatedAt: now,
        })
        if (!s) throw conflict('SHOPS_NAME_TAKEN', 'A shop with this name already exists', 'body.name')
        await r.insertMember({ shopId: s.id, userId: actor.id, role: 'owner', joinedAt: now })
        await audit(r, s.id, actor.id, 'shop.opened', { name: s.name, countyCode: s.countyCode })
        return s
      })
      await deps.users.grantRole(actor.id, 'farmer')
      return view(shop, actor)
    },

    async get(actor: Actor | null, id: string) {
      return view(await shopOr404(id), actor)
    },

    /** Views of several shops in one pass (for lists of things that belong to shops), keyed by id. */
    async getMany(actor: Actor | null, ids: string[]) {
      return new Map((await views(await repo.shopsByIds([...new Set(ids)]), actor)).map((v) => [v.id, v]))
    },

    async list(actor: Actor | null, q: ListShopsQuery) {
      const limit = q.limit ?? 20
      const rows = await repo.listShops({ countyCode: q.countyCode, beforeId: q.cursor ? decodeCursor(q.cursor, 'query.cursor') : undefined, limit: limit + 1 })
      const page = rows.slice(0, limit)
      return { items: await views(page, actor), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null }
    },

    async following(actorOrNull: Actor | null) {
      const actor = requireActor(actorOrNull)
      return views(await repo.followedShops(actor.id), actor)
    },

    /** Ids of the shops a user owns or operates (no views: for rights checks). */
    async shopIdsOf(userId: string) {
      return (await repo.shopsOfMember(userId)).map((s) => s.id)
    },

    async mine(actorOrNull: Actor | null) {
      const actor = requireActor(actorOrNull)
      return views(await repo.shopsOfMember(actor.id), actor)
    },

    async update(actorOrNull: Actor | null, id: string, body: UpdateShopBody) {
      const { actor } = await requireMember(actorOrNull, id)
      if (body.coverImageId) await deps.media.requireImages([body.coverImageId], 'body.coverImageId')
      const patch = { ...body, name: body.name?.trim(), updatedAt: deps.clock.now() }
      if (patch.name) {
        const other = await repo.shopByName(patch.name)
        if (other && other.id !== id) throw conflict('SHOPS_NAME_TAKEN', 'A shop with this name already exists', 'body.name')
      }
      const row = await inTx(async (r) => {
        const s = await r.updateShop(id, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)))
        await audit(r, id, actor.id, 'shop.updated', { fields: Object.keys(body) })
        return s!
      })
      return view(row, actor)
    },

    async follow(actorOrNull: Actor | null, id: string, on: boolean) {
      const actor = requireActor(actorOrNull)
      const shop = await shopOr404(id)
      if (on) await repo.follow(id, actor.id, deps.clock.now())
      else await repo.unfollow(id, actor.id)
      return view(shop, actor)
    },

    async members(actor: Actor | null, id: string) {
      await requireMember(actor, id)
      return memberViews(id)
    },

    async addMember(actorOrNull: Actor | null, id: string, phone: string) {
      const { actor } = await requireOwner(actorOrNull, id)
      const user = await deps.users.byPhone(phone)
      if (!user) throw notFound('ACCOUNTS_USER_NOT_FOUND', 'No account with this phone number; ask them to register first')
      await inTx(async (r) => {
        if (!(await r.insertMember({ shopId: id, userId: user.id, role: 'operator', joinedAt: deps.clock.now() }))) {
          throw conflict('SHOPS_ALREADY_MEMBER', 'This person is already a member', 'body.phone')
        }
        await audit(r, id, actor.id, 'shop.member.added', { userId: user.id, role: 'operator' })
      })
      await deps.users.grantRole(user.id, 'farmer')
      return memberViews(id)
    },

    async removeMember(actorOrNull: Actor | null, id: string, userId: string) {
      const { actor, shop } = await requireOwner(actorOrNull, id)
      if (userId === shop.ownerId) throw conflict('SHOPS_CANNOT_REMOVE_OWNER', 'The owner cannot be removed; transfer the shop first')
      const m = await repo.member(id, userId)
      if (!m) throw notFound('SHOPS_NOT_MEMBER', 'This person is not a member')
      await inTx(async (r) => {
        const pending = await r.pendingTransfer(id)
        if (pending?.toUserId === userId) {
          await r.closeTransfer(pending.id, 'cancelled', deps.clock.now())
          await audit(r, id, actor.id, 'shop.transfer.cancelled', { transferId: pending.id, reason: 'member removed' })
        }
        await r.deleteMember(id, userId)
        await audit(r, id, actor.id, 'shop.member.removed', { userId })
      })
      return memberViews(id)
    },

    async transfers(actor: Actor | null, id: string) {
      await requireMember(actor, id)
      return transferViews(await repo.transfers(id))
    },

    async proposeTransfer(actorOrNull: Actor | null, id: string, toUserId: string) {
      const { actor } = await requireOwner(actorOrNull, id)
      if (toUserId === actor.id) throw invalid('SHOPS_TRANSFER_TARGET_NOT_MEMBER', 'Choose another member as the new owner', 'body.toUserId')
      if (!(await repo.member(id, toUserId))) {
        throw invalid('SHOPS_TRANSFER_TARGET_NOT_MEMBER', 'The new owner must already be a member of the shop', 'body.toUserId')
      }
      const t = await inTx(async (r) => {
        const row = await r.insertTransfer({ id: newId('trf'), shopId: id, fromUserId: actor.id, toUserId, createdAt: deps.clock.now() })
        if (!row) throw conflict('SHOPS_TRANSFER_PENDING', 'A transfer is already pending; cancel it first')
        await audit(r, id, actor.id, 'shop.transfer.proposed', { transferId: row.id, toUserId })
        return row
      })
      return (await transferViews([t]))[0]!
    },

    /** The proposed member accepts: ownership moves; everything (followers, products, orders, payout account) stays with the shop. */
    async acceptTransfer(actorOrNull: Actor | null, id: string, transferId: string) {
      const actor = requireActor(actorOrNull)
      const t = await repo.transferById(transferId)
      if (!t || t.shopId !== id) throw notFound('SHOPS_TRANSFER_NOT_FOUND', 'Transfer not found')
      if (t.toUserId !== actor.id) throw forbidden('FORBIDDEN', 'Only the proposed new owner can accept')
      const done = await inTx(async (r) => {
        const now = deps.clock.now()
        const closed = await r.closeTransfer(transferId, 'accepted', now)
        if (!closed) throw conflict('SHOPS_TRANSFER_NOT_PENDING', 'This transfer is no longer pending')
        const shop = await r.shopById(id)
        if (!shop || shop.ownerId !== t.fromUserId) throw conflict('SHOPS_TRANSFER_NOT_PENDING', 'The shop changed owner since this was proposed')
        if (!(await r.member(id, actor.id))) throw conflict('SHOPS_TRANSFER_TARGET_NOT_MEMBER', 'You are no longer a member of this shop')
        // Demote first: a partial unique index allows one owner per shop.
        await r.setMemberRole(id, t.fromUserId, 'operator')
        await r.setMemberRole(id, actor.id, 'owner')
        await r.updateShop(id, { ownerId: actor.id, updatedAt: now })
        await audit(r, id, actor.id, 'shop.transfer.accepted', { transferId, fromUserId: t.fromUserId, toUserId: actor.id })
        return closed
      })
      return (await transferViews([done]))[0]!
    },

    async declineTransfer(actorOrNull: Actor | null, id: string, transferId: string) {
      const actor = requireActor(actorOrNull)
      const t = await repo.transferById(transferId)
      if (!t || t.shopId !== id) throw notFound('SHOPS_TRANSFER_NOT_FOUND', 'Transfer not found')
      if (t.toUserId !== actor.id) throw forbidden('FORBIDDEN', 'Only the proposed new owner can decline')
      const done = await inTx(async (r) => {
        const closed = await r.closeTransfer(transferId, 'declined', deps.clock.now())
        if (!closed) throw conflict('SHOPS_TRANSFER_NOT_PENDING', 'This transfer is no longer pending')
        await audit(r, id, actor.id, 'shop.transfer.declined', { transferId })
        return closed
      })
      return (await transferViews([done]))[0]!
    },

    async cancelTransfer(actorOrNull: Actor | null, id: string, transferId: string) {
      const { actor } = await requireOwner(actorOrNull, id)
      const t = await repo.transferById(transferId)
      if (!t || t.shopId !== id) throw notFound('SHOPS_TRANSFER_NOT_FOUND', 'Transfer not found')
      const done = await inTx(async (r) => {
        const closed = await r.closeTransfer(transferId, 'cancelled', deps.clock.now())
        if (!closed) throw conflict('SHOPS_TRANSFER_NOT_PENDING', 'This transfer is no longer pending')
        await audit(r, id, actor.id, 'shop.transfer.cancelled', { transferId })
        return closed
      })
      return (await transferViews([done]))[0]!
    },

    async auditLog(actor: Actor | null, id: string): Promise<AuditEntry[]> {
      await requireMember(actor, id)
      const rows = await repo.audit(id)
      const names = new Map((await deps.users.byIds(rows.map((r) => r.actorId))).map((u) => [u.id, u.displayName]))
      return rows.map((r) => ({ id: r.id, action: r.action, actorId: r.actorId, actorDisplayName: names.get(r.actorId) ?? '', detail: r.detail, at: r.at.toISOString() }))
    },

    async payoutAccount(actor: Actor | null, id: string): Promise<PayoutAccountView> {
      await requireOwner(actor, id)
      const p = await repo.payoutAccount(id)
      if (!p) throw notFound('NOT_FOUND', 'No payout account yet')
      return { accountName: p.accountName, bankName: p.bankName, accountNumberMasked: maskTail(p.accountNumberLast4.padStart(16, '*')), updatedAt: p.updatedAt.toISOString() }
    },

    async setPayoutAccount(actorOrNull: Actor | null, id: string, body: PayoutAccountBody): Promise<PayoutAccountView> {
      const { actor } = await requireOwner(actorOrNull, id)
      const p = await inTx(async (r) => {
        const row = await r.upsertPayoutAccount({
          shopId: id, accountName: body.accountName.trim(), bankName: body.bankName.trim(),
          accountNumberSealed: deps.sealer.seal(body.accountNumber), accountNumberLast4: body.accountNumber.slice(-4),
          updatedBy: actor.id, updatedAt: deps.clock.now(),
        })
        await audit(r, id, actor.id, 'shop.payout_account.set', { last4: body.accountNumber.slice(-4) })
        return row
      })
      return { accountName: p.accountName, bankName: p.bankName, accountNumberMasked: maskTail(p.accountNumberLast4.padStart(16, '*')), updatedAt: p.updatedAt.toISOString() }
    },

    /** For other modules: throws 404/403 unless the actor is an owner or operator of the shop. */
    async assertCanManage(actor: Actor | null, shopId: string) {
      const { shop } = await requireMember(actor, shopId)
      return { id: shop.id, name: shop.name, countyCode: shop.countyCode }
    },
    async isMember(userId: string, shopId: string) {
      return (await repo.member(shopId, userId)) !== null
    },
    async memberIds(shopId: string) {
      return (await repo.members(shopId)).map((m) => m.userId)
    },
    followerIds: (shopId: string) => repo.followerIds(shopId),
    shopIdsInCounty: (code: string) => repo.shopIdsInCounty(code),
    async shopNames(ids: string[]) {
      return new Map((await repo.shopsByIds([...new Set(ids)])).map((s) => [s.id, s.name]))
    },
    /** The sender on a shipping label and the farmer on a trace page: shop, owner and where the shop is. */
    async senderOf(shopId: string) {
      const shop = await repo.shopById(shopId)
      if (!shop) return null
      const [owner] = await deps.users.byIds([shop.ownerId])
      return { name: shop.name, ownerName: owner?.displayName ?? '', ownerPhone: owner?.phone ?? '', countyCode: shop.countyCode, town: shop.town, village: shop.village, isDemo: shop.isDemo }
    },
    async countyOf(shopId: string) {
      return (await repo.shopById(shopId))?.countyCode ?? null
    },
    async shopExists(id: string) {
      return (await repo.shopById(id)) !== null
    },
    async countByCounty(codes: string[]) {
      return new Map((await repo.countByCounty(codes)).map((r) => [r.code, r.n]))
    },
  }
}
export type ShopsService = ReturnType<typeof createShopsService>
