/** Why 提交订单 is greyed, as the key under buy.checkout, or null when the order can go. The first reason wins. */
export type SubmitBlocker = 'needAddress' | 'needDeliverable' | 'needFresh'

export function submitBlocker(s: {
  hasAddress: boolean
  shops: readonly { deliverable: boolean }[]
  hasFresh: boolean
  freshOk: boolean
}): SubmitBlocker | null {
  if (!s.hasAddress) return 'needAddress'
  if (!s.shops.every((shop) => shop.deliverable)) return 'needDeliverable'
  if (s.hasFresh && !s.freshOk) return 'needFresh'
  return null
}
