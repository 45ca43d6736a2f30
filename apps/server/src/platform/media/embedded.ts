// node-media-server (pure JS) in-process: RTMP ingest, HTTP-FLV and WebSocket-FLV playback, FLV recording.
// It is a process-wide singleton (its state lives in a module), so at most one runs per process.
import { createHash, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export interface MediaHooks {
  /** Synchronous: node-media-server decides before its first await. */
  authorizePublish(streamName: string, query: Record<string, string>): boolean
  onPublishStart(streamName: string): void
  onPublishEnd(streamName: string): void
  onRecordingStart(streamName: string, file: string, at: Date): void
  onRecordingEnd(streamName: string, file: string, durationSeconds: number): void
}

export interface EmbeddedMediaOptions {
  bind: string
  rtmpPort: number
  httpPort: number
  recordDir: string
  storeDir: string
  log: { info(msg: string): void; warn(msg: string): void }
}

interface NmsSession {
  streamApp: string
  streamName: string
  streamPath: string
  streamQuery: Record<string, string>
  filePath?: string
}

export interface EmbeddedMediaServer {
  isPublishing(streamName: string): boolean
  /** Disconnects the publisher of a stream now (ended room, rotated key). */
  kick(streamName: string): void
  stop(): Promise<void>
}

/** How long a dropped publisher may reconnect and continue the same recording (weak 4G). */
const PUBLISH_GRACE_MS = 10_000

let running = false

export async function startEmbeddedMediaServer(opts: EmbeddedMediaOptions, hooks: MediaHooks): Promise<EmbeddedMediaServer> {
  if (running) throw new Error('The embedded media server is already running in this process')
  running = true
  const NodeMediaServer = require('node-media-server')
  const logger = require('node-media-server/src/core/logger.js')
  const Context = require('node-media-server/src/core/context.js')

  // node-media-server checks an md5 "sign" when auth.publish is on. We keep its check as the gate and make our own
  // decision in prePublish (which runs first): an allowed publish gets a valid sign, any other none.
  const gateSecret = randomBytes(24).toString('hex')
  const nms = new NodeMediaServer({
    bind: opts.bind,
    rtmp: { port: opts.rtmpPort },
    http: { port: opts.httpPort },
    auth: { play: false, publish: true, secret: gateSecret },
    record: { path: opts.recordDir, auto: true },
    store: { path: opts.storeDir },
    webadmin: { enable: false },
  }, '')
  logger.level = 'warn'

  const publishing = new Set<string>()
  const recordStarted = new Map<string, number>()

  nms.on('prePublish', (s: NmsSession) => {
    const allowed = s.streamApp === 'live' && hooks.authorizePublish(s.streamName, s.streamQuery ?? {})
    const exp = Math.floor(Date.now() / 1000) + 60
    s.streamQuery = { ...(s.streamQuery ?? {}), sign: allowed ? `${exp}-${createHash('md5').update(`${s.streamPath}-${exp}-${gateSecret}`).digest('hex')}` : 'denied' }
    if (!allowed) opts.log.warn(`media: refused publish to ${s.streamPath}`)
  })
  nms.on('postPublish', (s: NmsSession) => {
    const b = Context.broadcasts.get(s.streamPath)
    if (b) b.publishGraceMs = PUBLISH_GRACE_MS
    publishing.add(s.streamName)
    hooks.onPublishStart(s.streamName)
  })
  nms.on('donePublish', (s: NmsSession) => {
    if (!publishing.delete(s.streamName)) return
    hooks.onPublishEnd(s.streamName)
  })
  nms.on('postRecord', (s: NmsSession) => {
    if (!s.filePath) return
    recordStarted.set(s.filePath, Date.now())
    hooks.onRecordingStart(s.streamName, s.filePath, new Date())
  })
  nms.on('doneRecord', (s: NmsSession) => {
    if (!s.filePath) return
    const started = recordStarted.get(s.filePath) ?? Date.now()
    recordStarted.delete(s.filePath)
    hooks.onRecordingEnd(s.streamName, s.filePath, (Date.now() - started) / 1000)
  })

  await nms.run()
  opts.log.info(`media: RTMP on ${opts.bind}:${opts.rtmpPort}, HTTP-FLV/WS-FLV on ${opts.bind}:${opts.httpPort}`)

  return {
    isPublishing: (name) => publishing.has(name),
    kick(name) {
      const b = Context.broadcasts.get(`/live/${name}`)
      if (!b?.publisher) return
      b.publisher.close()
      b._finishPublish?.() // no grace period: this stream was cut off on purpose
    },
    async stop() {
      await nms.stop()
      Context.eventEmitter.removeAllListeners()
      Context.broadcasts?.clear?.()
      Context.sessions?.clear?.()
      running = false
    },
  }
}
