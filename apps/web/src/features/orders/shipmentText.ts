type Translate = (key: string, named?: Record<string, unknown>) => string

// Two fixed phrases the server writes in Chinese (apps/server/src/modules/logistics: HUB_CARRIER_NAME and the note of a
// parcel's first scan). Everything else in a parcel's record (hub names, a hub operator's note) is shown as written.
const HUB_CARRIER_NAME = '县级物流'

/** The carrier's name as the reader says it: Hotland's county logistics is "County logistics" in English. */
export function carrierText(name: string, t: Translate): string {
  return name === HUB_CARRIER_NAME ? t('trace.track.hubCarrier') : name
}

/** A scan's note: "交给 龙槐村收寄点" (handed to …) in the reader's language, the rest as written. */
export function scanNote(note: string, t: Translate): string {
  const handed = /^交给 (.+)$/s.exec(note)
  return handed ? t('trace.track.handedTo', { name: carrierText(handed[1]!, t) }) : note
}
