import type {
  AddMemberBody, AuditEntry, ListShopsQuery, OpenShopBody, Page, PayoutAccountBody, PayoutAccountView,
  ShopMemberView, ShopView, TransferView, UpdateShopBody,
} from '@hotland/contracts'
import { http } from './http'

const id = (s: string) => encodeURIComponent(s)

export const shopsApi = {
  list: (query: ListShopsQuery = {}) => http<Page<ShopView>>('/shops', { query: { ...query } }),
  mine: () => http<ShopView[]>('/shops/mine'),
  following: () => http<ShopView[]>('/shops/following'),
  open: (body: OpenShopBody) => http<ShopView>('/shops', { method: 'POST', body }),
  get: (shopId: string) => http<ShopView>(`/shops/${id(shopId)}`),
  update: (shopId: string, body: UpdateShopBody) => http<ShopView>(`/shops/${id(shopId)}`, { method: 'PATCH', body }),
  follow: (shopId: string) => http<ShopView>(`/shops/${id(shopId)}/follow`, { method: 'POST' }),
  unfollow: (shopId: string) => http<ShopView>(`/shops/${id(shopId)}/follow`, { method: 'DELETE' }),
  members: (shopId: string) => http<ShopMemberView[]>(`/shops/${id(shopId)}/members`),
  addMember: (shopId: string, body: AddMemberBody) =>
    http<ShopMemberView[]>(`/shops/${id(shopId)}/members`, { method: 'POST', body }),
  removeMember: (shopId: string, userId: string) =>
    http<ShopMemberView[]>(`/shops/${id(shopId)}/members/${id(userId)}`, { method: 'DELETE' }),
  transfers: (shopId: string) => http<TransferView[]>(`/shops/${id(shopId)}/transfers`),
  proposeTransfer: (shopId: string, toUserId: string) =>
    http<TransferView>(`/shops/${id(shopId)}/transfers`, { method: 'POST', body: { toUserId } }),
  acceptTransfer: (shopId: string, transferId: string) =>
    http<TransferView>(`/shops/${id(shopId)}/transfers/${id(transferId)}/accept`, { method: 'POST' }),
  declineTransfer: (shopId: string, transferId: string) =>
    http<TransferView>(`/shops/${id(shopId)}/transfers/${id(transferId)}/decline`, { method: 'POST' }),
  cancelTransfer: (shopId: string, transferId: string) =>
    http<TransferView>(`/shops/${id(shopId)}/transfers/${id(transferId)}/cancel`, { method: 'POST' }),
  audit: (shopId: string) => http<AuditEntry[]>(`/shops/${id(shopId)}/audit`),
  payoutAccount: (shopId: string) => http<PayoutAccountView>(`/shops/${id(shopId)}/payout-account`),
  savePayoutAccount: (shopId: string, body: PayoutAccountBody) =>
    http<PayoutAccountView>(`/shops/${id(shopId)}/payout-account`, { method: 'PUT', body }),
}
