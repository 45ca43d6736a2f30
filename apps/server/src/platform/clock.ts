export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }
export function fixedClock(at: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(at)
  return {
    now: () => new Date(t),
    set: (d) => { t = new Date(d) },
    advance: (ms) => { t = new Date(t.getTime() + ms) },
  }
}
