import { randomBytes } from 'node:crypto'

// Crockford base32, as in ULID: 10 chars of millisecond time + 16 random chars, so ids sort by creation time.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
let lastTime = 0
let lastRandom: number[] = []

function encodeTime(ms: number): string {
  let out = ''
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out
    ms = Math.floor(ms / 32)
  }
  return out
}

function nextRandom(): number[] {
  // Monotonic within the same millisecond: increment the previous random part.
  const r = [...lastRandom]
  for (let i = r.length - 1; i >= 0; i--) {
    if (r[i]! < 31) {
      r[i]!++
      return r
    }
    r[i] = 0
  }
  return r
}

export function ulid(now = Date.now()): string {
  let random: number[]
  if (now === lastTime && lastRandom.length) random = nextRandom()
  else random = [...randomBytes(16)].map((b) => b % 32)
  lastTime = now
  lastRandom = random
  return encodeTime(now) + random.map((n) => ALPHABET[n]).join('')
}

export type IdPrefix = 'usr' | 'ses' | 'otp' | 'rnv' | 'shp' | 'trf' | 'aud' | 'img' | 'prd' | 'sku' | 'room' | 'msg' | 'rec' | 'clip' | 'ntc'
  | 'adr' | 'chk' | 'ord' | 'oev' | 'rev' | 'clm' | 'led' | 'fls' | 'pay' | 'whk' | 'rfd' | 'evt' | 'cap'
  | 'orc' | 'lot' | 'isp' | 'key' | 'hub' | 'shm' | 'scn' | 'bat'

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`
}
