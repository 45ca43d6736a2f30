type Translate = (key: string, named?: Record<string, unknown>) => string

// Two fixed phrases the server writes in Chinese (apps/server/src/modules/logistics: HUB_CARRIER_NAME and the note of a
// parcel's first scan). Everything else in a parcel's record (hub names, a hub operator's note) is shown as written.
const HUB_CARRIER_NAME = '县级物流'

// Couriers a farmer picks or types (ShipPopup's chips and the usual names), by the key of their English name in
// trace.courier. The stored name stays as typed; only what is shown changes. "顺丰速运", "京东物流" and the like match too.
const COURIERS: Record<string, string> = {
  顺丰: 'sf', 中通: 'zto', 圆通: 'yto', 申通: 'sto', 韵达: 'yunda', 京东: 'jd', 中国邮政: 'chinaPost', 邮政: 'chinaPost', EMS: 'ems',
  极兔: 'jt', 德邦: 'deppon',
}
const COURIER_SUFFIX = /(快递|速运|速递|快运|物流)$/

/**
 * The carrier's name as the reader says it: Hotland's county logistics is "County logistics" in English, a known courier
 * "SF Express". In Chinese a courier reads as typed (trace.courier.* is "{name}" there); an unknown one stays as typed.
 */
export function carrierText(name: string, t: Translate): string {
  if (name === HUB_CARRIER_NAME) return t('trace.track.hubCarrier')
  const plain = name.trim()
  const key = COURIERS[plain.toUpperCase()] ?? COURIERS[plain.replace(COURIER_SUFFIX, '')]
  return key ? t(`trace.courier.${key}`, { name }) : name
}

/** A scan's note: "交给 龙槐村收寄点" (handed to …) in the reader's language, the rest as written. */
export function scanNote(note: string, t: Translate): string {
  const handed = /^交给 (.+)$/s.exec(note)
  return handed ? t('trace.track.handedTo', { name: carrierText(handed[1]!, t) }) : note
}
