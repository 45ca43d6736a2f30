import WebSocket from 'ws'
import type { LiveEvent, LiveFrame } from '@hotland/contracts'
import type { Built } from '../../src/app.ts'
import { farmerWithShop, productBody, registerUser, type TestUser } from './app.ts'
import { idNumberCheckChar } from '../../src/modules/accounts/id-number.ts'

let idSeq = 500
/** Makes the user a real-name-approved anchor (through the API, approved by a fresh admin). */
export async function verifyAnchor(built: Built, user: TestUser) {
  const first17 = `62122619700101${String(idSeq++ % 1000).padStart(3, '0')}`
  const res = await built.app.inject({
    method: 'POST', url: '/api/accounts/me/verification', headers: user.headers,
    payload: { legalName: '测试主播', idNumber: first17 + idNumberCheckChar(first17), birthDate: '1970-01-01', countyCode: '621226' },
  })
  if (res.statusCode !== 201) throw new Error(`verification failed: ${res.body}`)
  const admin = await registerUser(built, { roles: ['platform_admin'] })
  const ok = await built.app.inject({ method: 'POST', url: `/api/accounts/verifications/${res.json().id}/approve`, headers: admin.headers })
  if (ok.statusCode !== 200) throw new Error(`approve failed: ${ok.body}`)
}

/** A verified farmer with a shop, one product on sale and a scheduled room featuring it. */
export async function anchorWithRoom(built: Built) {
  const { farmer, shop } = await farmerWithShop(built)
  await verifyAnchor(built, farmer)
  const product = (await built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/products`, headers: farmer.headers, payload: productBody() })).json()
  const room = await built.app.inject({
    method: 'POST', url: `/api/shops/${shop.id}/live-rooms`, headers: farmer.headers,
    payload: { title: '果园直播测试', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), productIds: [product.id] },
  })
  if (room.statusCode !== 201) throw new Error(`schedule failed: ${room.body}`)
  return { farmer, shop, product, room: room.json() as { id: string } }
}

/** A WebSocket client that records every event with its arrival time. */
export class LiveClient {
  readonly ws: WebSocket
  readonly events: Array<{ at: number; frameT: number; event: LiveEvent }> = []
  frames = 0
  closedWith: number | null = null
  private waiters: Array<() => void> = []

  constructor(url: string, cookie?: string) {
    this.ws = new WebSocket(url, cookie ? { headers: { cookie } } : {})
    this.ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as LiveFrame
      this.frames++
      for (const event of frame.e) this.events.push({ at: Date.now(), frameT: frame.t, event })
      this.waiters.splice(0).forEach((w) => w())
    })
    this.ws.on('close', (code) => {
      this.closedWith = code
      this.waiters.splice(0).forEach((w) => w())
    })
  }

  send(msg: unknown) {
    this.ws.send(JSON.stringify(msg))
  }

  of<T extends LiveEvent['type']>(type: T): Array<Extract<LiveEvent, { type: T }>> {
    return this.events.filter((e) => e.event.type === type).map((e) => e.event as Extract<LiveEvent, { type: T }>)
  }

  /** Resolves when `check` passes, or rejects after `ms`. */
  async until(check: () => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(this.events.map((e) => e.event)).slice(0, 800)}`)
      await new Promise<void>((r) => {
        this.waiters.push(r)
        setTimeout(r, 50)
      })
    }
  }

  async ready() {
    await this.until(() => this.of('hello').length > 0)
  }

  close() {
    this.ws.close()
  }
}
