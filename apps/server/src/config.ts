// The only reader of process.env. Every variable is listed here with its type, default and meaning;
// README.md and .env.example mirror this list. A bad value stops the process with a message naming it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const repoRoot = resolve(serverDir, '../..')

const LogLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export interface Config {
  port: number
  host: string
  logLevel: (typeof LogLevels)[number]
  publicUrl: string
  dataDir: string
  databaseUrl: string | undefined
  redisUrl: string | undefined
  secretKey: string
  sessionTtlHours: number
  smsProvider: 'console'
  demoData: boolean
  enableTestRoutes: boolean
  webDistDir: string
  mediaDir: string
  maxUploadBytes: number
  cookieSecure: boolean
  trustProxy: boolean
  media: {
    mode: 'embedded' | 'external' | 'off'
    bind: string
    rtmpPort: number
    httpPort: number
    /** Shown to anchors as the RTMP server (OBS "Server"). */
    rtmpPublicUrl: string
    /** Templates with {roomId}. */
    playFlvUrl: string
    playWsFlvUrl: string
    playHlsUrl: string | null
    /** Audio-only HLS for low-data mode (embedded: ffmpeg extracts the AAC track); null when not available. */
    playAudioUrl: string | null
    recordDir: string
    ffmpegPath: string
  }
  payments: {
    alipay: { appId: string; privateKey: string; alipayPublicKey: string; gateway: string | undefined } | null
    wechat: { mchId: string; appId: string; merchantPrivateKey: string; merchantSerialNo: string; apiV3Key: string; platformPublicKey: string } | null
  }
  /** GS1 company prefix for GTINs/GLNs issued by this deployment. The default 6900000 is fictitious (demo only). */
  gs1CompanyPrefix: string
  orders: {
    payMinutes: number
    autoConfirmDays: number
    platformFeeBps: number
    retentionYears: number
  }
  live: {
    tickMs: number
    chatMaxLength: number
    chatCapPerTick: number
    videoRetentionDays: number
  }
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>

function fail(name: string, problem: string, value?: string): never {
  const got = value === undefined ? '' : ` (got ${JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value)})`
  throw new ConfigError(`Invalid environment variable ${name}: ${problem}${got}`)
}

function str(env: Env, name: string): string | undefined {
  const v = env[name]
  return v === undefined || v.trim() === '' ? undefined : v.trim()
}

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const v = str(env, name)
  if (v === undefined) return def
  if (!/^-?\d+$/.test(v)) fail(name, `must be an integer between ${min} and ${max}`, v)
  const n = Number(v)
  if (n < min || n > max) fail(name, `must be between ${min} and ${max}`, v)
  return n
}

function bool(env: Env, name: string, def: boolean): boolean {
  const v = str(env, name)
  if (v === undefined) return def
  if (['true', '1', 'yes'].includes(v.toLowerCase())) return true
  if (['false', '0', 'no'].includes(v.toLowerCase())) return false
  fail(name, 'must be true or false', v)
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const v = str(env, name)
  if (v === undefined) return undefined
  let parsed: URL
  try {
    parsed = new URL(v)
  } catch {
    fail(name, `must be a URL (${protocols.join(' or ')})`, redact(v))
  }
  if (!protocols.includes(parsed.protocol)) fail(name, `must use ${protocols.join(' or ')}`, redact(v))
  return v
}

function redact(v: string): string {
  return v.replace(/\/\/([^:@/]*):[^@]*@/, '//$1:***@')
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], def: T): T {
  const v = str(env, name)
  if (v === undefined) return def
  if (!(allowed as readonly string[]).includes(v)) fail(name, `must be one of ${allowed.join(', ')}`, v)
  return v as T
}

/** Secret used for session tokens and for encrypting ID numbers. In embedded mode we create one in the data dir. */
function secret(env: Env, dataDir: string, required: boolean): string {
  const v = str(env, 'SECRET_KEY')
  if (v !== undefined) {
    if (v.length < 32) fail('SECRET_KEY', 'must be at least 32 characters')
    return v
  }
  if (required) fail('SECRET_KEY', 'is required when DATABASE_URL is set (all server processes must share it)')
  const file = join(dataDir, 'secret.key')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const generated = randomBytes(32).toString('base64url')
  writeFileSync(file, generated + '\n', { mode: 0o600 })
  return generated
}

function template(env: Env, name: string, def: string): string {
  const v = str(env, name) ?? def
  if (!v.includes('{roomId}')) fail(name, 'must contain {roomId}', v)
  url({ [name]: v.replace('{roomId}', 'x') }, name, ['http:', 'https:', 'ws:', 'wss:'])
  return v
}

function mediaConfig(env: Env, publicUrl: string, dataDir: string): Config['media'] {
  const host = new URL(publicUrl).hostname
  const rtmpPort = int(env, 'MEDIA_RTMP_PORT', 1935, 1, 65535)
  const httpPort = int(env, 'MEDIA_HTTP_PORT', 8000, 1, 65535)
  const mode = oneOf(env, 'MEDIA_SERVER', ['embedded', 'external', 'off'] as const, 'embedded')
  const playFlvUrl = template(env, 'MEDIA_PLAY_FLV_URL', `http://${host}:${httpPort}/live/{roomId}.flv`)
  const hlsDefault = mode === 'embedded' ? `${publicUrl}/media/hls/{roomId}/index.m3u8` : ''
  const hls = str(env, 'MEDIA_PLAY_HLS_URL') ?? hlsDefault
  const audio = str(env, 'MEDIA_PLAY_AUDIO_URL') ?? (mode === 'embedded' ? `${publicUrl}/media/hls/{roomId}/audio.m3u8` : '')
  return {
    mode,
    bind: str(env, 'MEDIA_BIND') ?? '0.0.0.0',
    rtmpPort,
    httpPort,
    rtmpPublicUrl: url(env, 'MEDIA_RTMP_URL', ['rtmp:', 'rtmps:']) ?? `rtmp://${host}:${rtmpPort}/live`,
    playFlvUrl,
    playWsFlvUrl: template(env, 'MEDIA_PLAY_WS_FLV_URL', playFlvUrl.replace(/^http/, 'ws')),
    playHlsUrl: hls ? template({ MEDIA_PLAY_HLS_URL: hls }, 'MEDIA_PLAY_HLS_URL', hls) : null,
    playAudioUrl: audio ? template({ MEDIA_PLAY_AUDIO_URL: audio }, 'MEDIA_PLAY_AUDIO_URL', audio) : null,
    recordDir: resolve(repoRoot, str(env, 'MEDIA_RECORD_DIR') ?? join(dataDir, 'recordings')),
    ffmpegPath: str(env, 'FFMPEG_PATH') ?? 'ffmpeg',
  }
}

/** A provider is on when all of its variables are set; some but not all is a mistake worth stopping for. */
function group<K extends string>(env: Env, names: Record<K, string>): Record<K, string> | null {
  const values = Object.fromEntries(Object.entries(names).map(([k, n]) => [k, str(env, n as string)])) as Record<K, string | undefined>
  const set = Object.entries(values).filter(([, v]) => v !== undefined)
  if (!set.length) return null
  const missing = Object.entries(names).filter(([k]) => values[k as K] === undefined).map(([, n]) => n)
  if (missing.length) fail(missing[0] as string, `is required when ${String(names[set[0]![0] as K])} is set`)
  return values as Record<K, string>
}

function paymentsConfig(env: Env): Config['payments'] {
  const alipay = group(env, { appId: 'ALIPAY_APP_ID', privateKey: 'ALIPAY_PRIVATE_KEY', alipayPublicKey: 'ALIPAY_PUBLIC_KEY' })
  const wechat = group(env, {
    mchId: 'WECHAT_PAY_MCH_ID', appId: 'WECHAT_PAY_APP_ID', merchantPrivateKey: 'WECHAT_PAY_PRIVATE_KEY', merchantSerialNo: 'WECHAT_PAY_SERIAL_NO',
    apiV3Key: 'WECHAT_PAY_API_V3_KEY', platformPublicKey: 'WECHAT_PAY_PLATFORM_PUBLIC_KEY',
  })
  if (wechat && wechat.apiV3Key.length !== 32) fail('WECHAT_PAY_API_V3_KEY', 'must be 32 characters')
  return { alipay: alipay ? { ...alipay, gateway: url(env, 'ALIPAY_GATEWAY', ['https:']) } : null, wechat }
}

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const port = int(env, 'PORT', 3000, 0, 65535)
  const dataDir = resolve(repoRoot, str(env, 'HOTLAND_DATA_DIR') ?? '.data')
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'])
  const publicUrl = (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, '')
  const config: Config = {
    port,
    host: str(env, 'HOST') ?? '0.0.0.0',
    logLevel: oneOf(env, 'LOG_LEVEL', LogLevels, 'info'),
    publicUrl,
    dataDir,
    databaseUrl,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    secretKey: secret(env, dataDir, databaseUrl !== undefined),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 24 * 30, 1, 24 * 365),
    smsProvider: oneOf(env, 'SMS_PROVIDER', ['console'] as const, 'console'),
    demoData: bool(env, 'DEMO_DATA', true),
    enableTestRoutes: bool(env, 'ENABLE_TEST_ROUTES', false),
    webDistDir: resolve(repoRoot, str(env, 'WEB_DIST_DIR') ?? 'apps/web/dist'),
    mediaDir: resolve(repoRoot, str(env, 'MEDIA_DIR') ?? join(dataDir, 'media')),
    maxUploadBytes: int(env, 'MAX_UPLOAD_MB', 10, 1, 100) * 1024 * 1024,
    cookieSecure: bool(env, 'COOKIE_SECURE', publicUrl.startsWith('https:')),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    media: mediaConfig(env, publicUrl, dataDir),
    payments: paymentsConfig(env),
    gs1CompanyPrefix: (() => {
      const v = str(env, 'GS1_COMPANY_PREFIX') ?? '6900000'
      if (!/^\d{6,12}$/.test(v)) fail('GS1_COMPANY_PREFIX', 'must be 6 to 12 digits', v)
      return v
    })(),
    orders: {
      payMinutes: int(env, 'ORDER_PAY_MINUTES', 15, 1, 24 * 60),
      autoConfirmDays: int(env, 'ORDER_AUTO_CONFIRM_DAYS', 10, 1, 60),
      platformFeeBps: int(env, 'PLATFORM_FEE_BPS', 300, 0, 5000),
      retentionYears: int(env, 'ORDER_RETENTION_YEARS', 3, 3, 100),
    },
    live: {
      tickMs: int(env, 'LIVE_TICK_MS', 100, 10, 100),
      chatMaxLength: int(env, 'LIVE_CHAT_MAX_LENGTH', 100, 10, 500),
      chatCapPerTick: int(env, 'LIVE_CHAT_CAP_PER_TICK', 5, 1, 500),
      videoRetentionDays: int(env, 'LIVE_VIDEO_RETENTION_DAYS', 3 * 365, 1, 36500),
    },
  }
  return Object.freeze(config)
}
