// Which engine plays a live room on this phone, and starting/stopping it. Engines are loaded lazily (dynamic import):
// the room's poster shows first and no player code is downloaded for scheduled or ended rooms.
import type { Playback } from '@hotland/contracts'

export type EngineKind = 'mpegts' | 'native-hls' | 'hls.js'
export interface PlaySource { kind: EngineKind; url: string }

export interface PlayerEnv {
  /** MediaSource (or ManagedMediaSource) exists: mpegts.js and hls.js can work. */
  mse: boolean
  /** mpegts.js says it can play live HTTP-FLV here (MSE + fetch/XHR streaming). */
  flvLive: boolean
  /** <video> plays HLS by itself (iOS Safari). */
  nativeHls: boolean
}

/** HTTP-FLV through mpegts.js where MSE exists (lowest delay); else native HLS (iOS); else hls.js; else nothing. */
export function pickSource(playback: Playback | null, env: PlayerEnv): PlaySource | null {
  if (!playback) return null
  if (env.mse && env.flvLive && playback.flv) return { kind: 'mpegts', url: playback.flv }
  if (playback.hls && env.nativeHls) return { kind: 'native-hls', url: playback.hls }
  if (playback.hls && env.mse) return { kind: 'hls.js', url: playback.hls }
  return null
}

export function detectEnv(video: HTMLVideoElement): Omit<PlayerEnv, 'flvLive'> {
  const w = window as unknown as { MediaSource?: unknown; ManagedMediaSource?: unknown; WebKitMediaSource?: unknown }
  return {
    mse: !!(w.MediaSource || w.ManagedMediaSource || w.WebKitMediaSource),
    nativeHls: video.canPlayType('application/vnd.apple.mpegurl') !== '',
  }
}

export interface EngineHandle {
  destroy(): void
}

export interface EngineCallbacks {
  /** The stream failed or ended (network drop, anchor stopped): the caller reconnects with backoff. */
  onFail(reason: string): void
}

/** Resolves the env (loading mpegts.js only when MSE exists) and starts the picked engine on `video`. */
export async function startPlayback(
  video: HTMLVideoElement, playback: Playback, audioOnly: boolean, cb: EngineCallbacks,
): Promise<{ handle: EngineHandle; kind: EngineKind } | null> {
  const base = detectEnv(video)
  let mpegts: typeof import('mpegts.js').default | null = null
  let flvLive = false
  if (base.mse) {
    mpegts = (await import('mpegts.js')).default
    flvLive = mpegts.isSupported() && mpegts.getFeatureList().mseLivePlayback
  }
  const src = pickSource(playback, { ...base, flvLive })
  if (!src) return null

  if (src.kind === 'mpegts' && mpegts) {
    const m = mpegts
    const player = m.createPlayer(
      { type: 'flv', isLive: true, url: src.url, hasVideo: !audioOnly, hasAudio: true, cors: true },
      { enableStashBuffer: false, stashInitialSize: 128, liveBufferLatencyChasing: true, liveBufferLatencyMaxLatency: 4, liveBufferLatencyMinRemain: 0.5, lazyLoad: false, autoCleanupSourceBuffer: true },
    )
    player.on(m.Events.ERROR, (type: string, detail: string) => cb.onFail(`${type}:${detail}`))
    player.on(m.Events.LOADING_COMPLETE, () => cb.onFail('ended'))
    player.attachMediaElement(video)
    player.load()
    return {
      kind: 'mpegts',
      handle: {
        destroy() {
          try { player.pause() } catch { /* already gone */ }
          try { player.unload(); player.detachMediaElement(); player.destroy() } catch { /* already gone */ }
        },
      },
    }
  }

  if (src.kind === 'native-hls') {
    const onError = () => cb.onFail('native-hls')
    video.addEventListener('error', onError)
    video.src = src.url
    video.load()
    return {
      kind: 'native-hls',
      handle: {
        destroy() {
          video.removeEventListener('error', onError)
          video.removeAttribute('src')
          video.load()
        },
      },
    }
  }

  const Hls = (await import('hls.js')).default
  if (!Hls.isSupported()) return null
  const hls = new Hls({ lowLatencyMode: true, liveSyncDurationCount: 2, manifestLoadingMaxRetry: 2 })
  hls.on(Hls.Events.ERROR, (_e, data) => { if (data.fatal) cb.onFail(`hls:${data.details}`) })
  hls.loadSource(src.url)
  hls.attachMedia(video)
  return { kind: 'hls.js', handle: { destroy: () => hls.destroy() } }
}
