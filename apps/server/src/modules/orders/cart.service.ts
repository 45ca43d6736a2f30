import type { AddressBody, AddressView, CartView, ShippingRules } from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { conflict, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { StockRepository } from '../catalog/index.ts'
import { ordersRepository } from './repository.ts'
import { DEFAULT_SHIPPING_RULES } from './shipping.ts'

export interface CartDeps {
  db: Db
  clock: Clock
  stock: (db: Db) => StockRepository
  regions: { countyPath(code: string, field: string): Promise<{ countyCode: string; countyName: string; provinceCode: string; provinceName: string; cityName: string; line: string }> }
  shops: { assertCanManage(actor: Actor | null, shopId: string): Promise<unknown>; shopNames(ids: string[]): Promise<Map<string, string>>; shopExists(id: string): Promise<boolean> }
  media: { urlsOf(id: string): { small: string; medium: string; large: string } }
}

export const MAX_ADDRESSES = 20

export function createCartService(deps: CartDeps) {
  const repo = ordersRepository(deps.db)

  async function addressView(a: Awaited<ReturnType<typeof repo.addressById>> & {}): Promise<AddressView> {
    const p = await deps.regions.countyPath(a.countyCode, 'countyCode')
    return { id: a.id, recipient: a.recipient, phone: a.phone, ...p, detail: a.detail, isDefault: a.isDefault }
  }

  async function ownAddress(actor: Actor, id: string) {
    const a = await repo.addressById(id)
    if (!a || a.userId !== actor.id) throw notFound('ORDERS_ADDRESS_NOT_FOUND', 'Address not found')
    return a
  }

  return {
    async addresses(actorOrNull: Actor | null): Promise<AddressView[]> {
      const actor = requireActor(actorOrNull)
      return Promise.all((await repo.addressesOf(actor.id)).map(addressView))
    },

    async addAddress(actorOrNull: Actor | null, body: AddressBody): Promise<AddressView> {
      const actor = requireActor(actorOrNull)
      await deps.regions.countyPath(body.countyCode, 'body.countyCode')
      const existing = await repo.addressesOf(actor.id)
      if (existing.length >= MAX_ADDRESSES) throw invalid('VALIDATION_FAILED', `At most ${MAX_ADDRESSES} addresses`, 'body')
      const isDefault = body.isDefault ?? existing.length === 0
      const row = await deps.db.transaction(async (tx) => {
        const r = ordersRepository(tx as unknown as Db)
        if (isDefault) await r.clearDefault(actor.id)
        return r.insertAddress({
          id: newId('adr'), userId: actor.id, recipient: body.recipient.trim(), phone: body.phone, countyCode: body.countyCode,
          detail: body.detail.trim(), isDefault, createdAt: deps.clock.now(),
        })
      })
      return addressView(row)
    },

    async updateAddress(actorOrNull: Actor | null, id: string, body: AddressBody): Promise<AddressView> {
      const actor = requireActor(actorOrNull)
      await ownAddress(actor, id)
      await deps.regions.countyPath(body.countyCode, 'body.countyCode')
      const row = await deps.db.transaction(async (tx) => {
        const r = ordersRepository(tx as unknown as Db)
        if (body.isDefault) await r.clearDefault(actor.id)
        return r.updateAddress(id, { recipient: body.recipient.trim(), phone: body.phone, countyCode: body.countyCode, detail: body.detail.trim(), ...(body.isDefault !== undefined ? { isDefault: body.isDefault } : {}) })
      })
      return addressView(row!)
    },

    async deleteAddress(actorOrNull: Actor | null, id: string) {
      const actor = requireActor(actorOrNull)
      await ownAddress(actor, id)
      await repo.updateAddress(id, { deletedAt: deps.clock.now(), isDefault: false }) // orders keep their own copy
      return { ok: true as const }
    },

    /** The address an order ships to, owned by the buyer. */
    async addressForOrder(actor: Actor, id: string, field: string) {
      const a = await repo.addressById(id)
      if (!a || a.userId !== actor.id) throw invalid('ORDERS_ADDRESS_NOT_FOUND', 'Address not found', field)
      const p = await deps.regions.countyPath(a.countyCode, field)
      return { recipient: a.recipient, phone: a.phone, region: p.line, detail: a.detail, countyCode: a.countyCode, provinceCode: p.provinceCode }
    },

    async shippingRules(shopId: string): Promise<ShippingRules> {
      if (!(await deps.shops.shopExists(shopId))) throw notFound('SHOPS_NOT_FOUND', 'Shop not found')
      const [r] = await repo.rulesOf([shopId])
      return r ? { baseFeeFen: r.baseFeeFen, freeAboveFen: r.freeAboveFen, provinceFees: r.provinceFees, excludedProvinces: r.excludedProvinces } : DEFAULT_SHIPPING_RULES
    },

    async rulesOf(shopIds: string[]): Promise<Map<string, ShippingRules>> {
      const rows = await repo.rulesOf(shopIds)
      return new Map(shopIds.map((id) => {
        const r = rows.find((x) => x.shopId === id)
        return [id, r ? { baseFeeFen: r.baseFeeFen, freeAboveFen: r.freeAboveFen, provinceFees: r.provinceFees, excludedProvinces: r.excludedProvinces } : DEFAULT_SHIPPING_RULES]
      }))
    },

    async setShippingRules(actor: Actor | null, shopId: string, rules: ShippingRules): Promise<ShippingRules> {
      await deps.shops.assertCanManage(actor, shopId)
      for (const [i, p] of rules.provinceFees.entries()) {
        if (!p.provinceCode.endsWith('0000')) throw invalid('VALIDATION_FAILED', 'Not a province code', `body.provinceFees.${i}.provinceCode`)
      }
      for (const [i, p] of rules.excludedProvinces.entries()) {
        if (!p.endsWith('0000')) throw invalid('VALIDATION_FAILED', 'Not a province code', `body.excludedProvinces.${i}`)
      }
      await repo.upsertRules({ shopId, ...rules, updatedAt: deps.clock.now() })
      return rules
    },

    async cart(actorOrNull: Actor | null): Promise<CartView> {
      const actor = requireActor(actorOrNull)
      const items = await repo.cartOf(actor.id)
      const skus = await deps.stock(deps.db).skusForSale(items.map((i) => i.skuId))
      const names = await deps.shops.shopNames([...skus.values()].map((s) => s.shopId))
      const byShop = new Map<string, CartView['shops'][number]>()
      let itemsFen = 0
      let count = 0
      for (const i of items) {
        const s = skus.get(i.skuId)
        if (!s) continue
        const available = s.onSale && s.stock >= i.qty
        let shop = byShop.get(s.shopId)
        if (!shop) byShop.set(s.shopId, (shop = { shopId: s.shopId, shopName: names.get(s.shopId) ?? '', items: [] }))
        shop.items.push({
          skuId: s.skuId, productId: s.productId, shopId: s.shopId, title: s.title, skuName: s.skuName, priceFen: s.priceFen, qty: i.qty,
          stock: s.stock, isFresh: s.isFresh, coverUrl: s.coverImageId ? deps.media.urlsOf(s.coverImageId).small : null, onSale: s.onSale, available,
        })
        if (available) itemsFen += s.priceFen * i.qty
        count += i.qty
      }
      return { shops: [...byShop.values()], itemsFen, count }
    },

    async setCartItem(actorOrNull: Actor | null, skuId: string, qty: number): Promise<CartView> {
      const actor = requireActor(actorOrNull)
      if (qty > 0) {
        const s = (await deps.stock(deps.db).skusForSale([skuId])).get(skuId)
        if (!s || !s.onSale) throw notFound('ORDERS_SKU_UNAVAILABLE', 'This item is not on sale')
        // More than there is cannot be bought: said now, at the quantity, rather than as an unticked line later.
        if (qty > s.stock) throw conflict('ORDERS_OUT_OF_STOCK', `Only ${s.stock} left`, 'body.qty')
      }
      await repo.setCartQty(actor.id, skuId, qty, deps.clock.now())
      return this.cart(actor)
    },
  }
}
export type CartService = ReturnType<typeof createCartService>
