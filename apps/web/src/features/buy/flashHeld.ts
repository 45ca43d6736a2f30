// Units this buyer already holds in a flash sale, remembered on the phone (per user and sale) so that the 马上抢 button
// can say "已抢到" at once, before the server's count (GET /api/flash-sales/:id/mine) arrives and replaces it. The
// server's per-buyer limit stays the rule; this only spares the buyer a pointless tap.
//
// Each value is `{"units":n,"at":ms}`: when it was remembered. A sale lasts minutes to hours, so whenever one is
// remembered, this module's keys older than KEEP_MS are dropped; otherwise every sale ever grabbed would stay on the
// phone. Values from before the time was stored (a bare count) count as old.
const PREFIX = 'hotland.flash.held.'
const key = (userId: string, saleId: string) => `${PREFIX}${userId}.${saleId}`
export const KEEP_MS = 2 * 24 * 3600 * 1000

interface Held { units: number; at: number | null }

function parse(raw: string | null): Held {
  if (raw === null) return { units: 0, at: null }
  let v: unknown
  try { v = JSON.parse(raw) } catch { return { units: 0, at: null } }
  if (typeof v === 'number') return { units: Math.max(0, v) || 0, at: null } // the old format: a bare count
  if (v && typeof v === 'object') {
    const { units, at } = v as { units?: unknown; at?: unknown }
    return { units: Math.max(0, Number(units)) || 0, at: typeof at === 'number' && Number.isFinite(at) ? at : null }
  }
  return { units: 0, at: null }
}

export function heldUnits(userId: string | null | undefined, saleId: string): number {
  if (!userId) return 0
  try {
    return parse(localStorage.getItem(key(userId, saleId))).units
  } catch {
    return 0
  }
}

export function rememberHeld(userId: string | null | undefined, saleId: string, units: number): void {
  if (!userId) return
  const now = Date.now()
  try {
    forgetOld(now)
    localStorage.setItem(key(userId, saleId), JSON.stringify({ units: Math.max(0, Math.floor(units)), at: now }))
  } catch {
    // private mode or full storage: the server still enforces the limit
  }
}

/** Drops this module's keys remembered more than KEEP_MS ago (or without a time), for every user on the phone. */
function forgetOld(now: number): void {
  const old: string[] = []
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i)
    if (!k?.startsWith(PREFIX)) continue
    const { at } = parse(localStorage.getItem(k))
    if (at === null || Math.abs(now - at) > KEEP_MS) old.push(k) // (far in the future: the clock was wrong then)
  }
  for (const k of old) localStorage.removeItem(k)
}
