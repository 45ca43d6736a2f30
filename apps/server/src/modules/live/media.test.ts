import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import http from 'node:http'
import type { Built } from '../../app.ts'
import type { DbHandle } from '../../platform/db/client.ts'
import { ffmpegAvailable } from '../../platform/media/ffmpeg.ts'
import { buildTestApp } from '../../../test/helpers/app.ts'
import { openTestDb } from '../../../test/helpers/db.ts'
import { flvSummary } from '../../../test/helpers/flv.ts'
import { anchorWithRoom } from '../../../test/helpers/live.ts'
import { freePort } from '../../../test/helpers/ports.ts'

// Real RTMP clients: Debian's ffmpeg pushes a synthetic stream (installed by .ci/run).
const hasFfmpeg = ffmpegAvailable('ffmpeg')

let h: DbHandle
let built: Built
let rtmpPort = 0
let httpPort = 0
const children: ChildProcess[] = []

beforeAll(async () => {
  if (!hasFfmpeg) return
  rtmpPort = await freePort()
  httpPort = await freePort()
  h = await openTestDb()
  built = await buildTestApp(h, {}, { MEDIA_SERVER: 'embedded', MEDIA_BIND: '127.0.0.1', MEDIA_RTMP_PORT: String(rtmpPort), MEDIA_HTTP_PORT: String(httpPort) })
})
afterAll(async () => {
  children.forEach((c) => c.kill('SIGKILL'))
  await built?.app.close()
  await h?.close()
})

/** ffmpeg publishing a test pattern and a tone as H.264/AAC over RTMP. */
function push(streamKey: string, seconds: number) {
  const child = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-re',
    '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
    '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
    '-f', 'flv', `rtmp://127.0.0.1:${rtmpPort}/live/${streamKey}`,
  ], { stdio: 'ignore' })
  children.push(child)
  return { child, exit: new Promise<number | null>((r) => child.on('close', r)) }
}

/** Reads the HTTP-FLV stream for a while and returns the bytes. */
function readFlv(roomId: string, ms: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const req = http.get(`http://127.0.0.1:${httpPort}/live/${roomId}.flv`, (res) => {
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve(Buffer.concat(chunks)))
    })
    req.on('error', reject)
    setTimeout(() => {
      req.destroy()
      resolve(Buffer.concat(chunks))
    }, ms)
  })
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe.skipIf(!hasFfmpeg)('RTMP in, HTTP-FLV out (embedded node-media-server)', () => {
  it('plays H.264 and AAC back over HTTP-FLV from a push with the room\'s key, records it, and keeps clips of the replay', async () => {
    const { farmer, room } = await anchorWithRoom(built)
    const key = (await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}/stream-key`, headers: farmer.headers })).json()
    const pusher = push(key.streamKey, 30)
    await until(async () => (await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}` })).json().isPublishing)

    const flv = flvSummary(await readFlv(room.id, 2500))
    expect(flv.isFlv).toBe(true)
    expect(flv.avcSequenceHeader).toBe(true)
    expect(flv.avcFrames).toBeGreaterThan(10)
    expect(flv.aacFrames).toBeGreaterThan(10)
    expect((await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}` })).json().status).toBe('live')

    // a wrong key cannot take the room over while it is live
    const intruder = push(`${room.id}?key=wrong`, 3)
    expect(await intruder.exit).not.toBe(0)

    await new Promise((r) => setTimeout(r, 2500)) // some seconds of recording
    const ended = await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/end`, headers: farmer.headers })
    expect(ended.json().status).toBe('ended')
    await pusher.exit // ending the room cuts the publisher off

    const withReplay = await until(async () => {
      const r = (await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}` })).json()
      return r.replay ? r : null
    })
    expect(withReplay.replay.durationSeconds).toBeGreaterThan(3)
    const replay = await built.app.inject({ method: 'GET', url: withReplay.replay.url, headers: { range: 'bytes=0-1023' } })
    expect(replay.statusCode).toBe(206)
    expect(['video/mp4', 'video/x-flv']).toContain(replay.headers['content-type'])

    const clip = await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/clips`, headers: farmer.headers, payload: { startSeconds: 1, endSeconds: 3, title: '采摘' } })
    expect(clip.statusCode).toBe(201)
    expect(clip.json().replayUrl).toContain('#t=1,3')
    const tooLong = await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/clips`, headers: farmer.headers, payload: { startSeconds: 1, endSeconds: 9999, title: '装箱' } })
    expect(tooLong.json().error).toMatchObject({ code: 'LIVE_CLIP_INVALID', field: 'body.endSeconds' })
    const backwards = await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/clips`, headers: farmer.headers, payload: { startSeconds: 3, endSeconds: 1, title: '装箱' } })
    expect(backwards.statusCode).toBe(400)
    expect((await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}/clips` })).json().map((c: { title: string }) => c.title)).toEqual(['采摘'])
  }, 60_000)

  it('makes an audio-only HLS rendition for low-data mode: its segments carry AAC and no video', async () => {
    const { farmer, room } = await anchorWithRoom(built)
    const key = (await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}/stream-key`, headers: farmer.headers })).json()
    push(key.streamKey, 20)
    const live = await until(async () => {
      const r = (await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}` })).json()
      return r.isPublishing ? r : null
    })
    expect(live.playback.audio).toMatch(new RegExp(`/media/hls/${room.id}/audio\\.m3u8$`))
    const path = new URL(live.playback.audio).pathname
    const segment = await until(async () => {
      const res = await built.app.inject({ method: 'GET', url: path })
      return res.statusCode === 200 ? res.body.split('\n').find((l) => l.endsWith('.ts')) : null
    }, 20_000)
    const ts = (await built.app.inject({ method: 'GET', url: path.replace('audio.m3u8', segment) })).rawPayload
    const dir = mkdtempSync(join(tmpdir(), 'hl-audio-'))
    writeFileSync(join(dir, 'seg.ts'), ts)
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'csv=p=0', join(dir, 'seg.ts')], { encoding: 'utf8' })
    expect(probe.stdout).toContain('aac,audio')
    expect(probe.stdout).not.toContain('video')
    await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/end`, headers: farmer.headers })
  }, 60_000)

  it('refuses a wrong key and a rotated key before any video flows', async () => {
    const { farmer, room } = await anchorWithRoom(built)
    const old = (await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}/stream-key`, headers: farmer.headers })).json()
    await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/stream-key/rotate`, headers: farmer.headers })
    for (const streamKey of [`${room.id}?key=wrong`, old.streamKey, room.id]) {
      expect(await push(streamKey, 3).exit).not.toBe(0)
    }
    const r = (await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}` })).json()
    expect(r).toMatchObject({ status: 'scheduled', isPublishing: false })
    expect((await readFlv(room.id, 500)).length).toBeLessThan(100)
  }, 60_000)
})
