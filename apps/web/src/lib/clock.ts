/** Clock offset from a server time (a socket frame's `t`, an answer's x-server-time): serverNow = Date.now() + offset. */
export function clockOffset(serverTimeMs: number, localNowMs: number): number {
  return serverTimeMs - localNowMs
}
