// Units this buyer already holds in a flash sale, remembered on the phone (per user and sale) so that the 马上抢 button
// can say "已抢到" at once, before the server's count (GET /api/flash-sales/:id/mine) arrives and replaces it. The
// server's per-buyer limit stays the rule; this only spares the buyer a pointless tap.
const key = (userId: string, saleId: string) => `hotland.flash.held.${userId}.${saleId}`

export function heldUnits(userId: string | null | undefined, saleId: string): number {
  if (!userId) return 0
  try {
    return Math.max(0, Number(localStorage.getItem(key(userId, saleId))) || 0)
  } catch {
    return 0
  }
}

export function rememberHeld(userId: string | null | undefined, saleId: string, units: number): void {
  if (!userId) return
  try {
    localStorage.setItem(key(userId, saleId), String(Math.max(0, Math.floor(units))))
  } catch {
    // private mode or full storage: the server still enforces the limit
  }
}
