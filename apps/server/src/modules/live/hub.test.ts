import { describe, expect, it } from 'vitest'
import type { EventEmitter } from 'node:events'
import * as ws from 'ws'
import { textFrame } from './hub.ts'

// ws's own frame parser; @types/ws does not declare it.
const Receiver = (ws as unknown as { Receiver: new (o: { isServer: boolean }) => EventEmitter & { write(b: Buffer): void } }).Receiver

function decode(wire: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    // A client-side receiver: server frames are unmasked.
    const r = new Receiver({ isServer: false })
    r.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? reject(new Error('binary')) : resolve(String(data))))
    r.on('error', reject)
    r.write(wire)
  })
}

describe('pre-built WebSocket text frames', () => {
  it.each([0, 125, 126, 65_535, 65_536, 200_000])('a %i-byte payload decodes back to the same text in a standard receiver', async (n) => {
    const text = '果'.repeat(Math.floor(n / 3)) + 'a'.repeat(n % 3)
    const payload = Buffer.from(text)
    expect(payload.length).toBe(n)
    expect(await decode(textFrame(payload))).toBe(text)
  })
})
