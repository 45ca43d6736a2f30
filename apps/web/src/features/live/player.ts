// Which engine plays a live room on this phone, and starting/stopping it. Engines are loaded lazily (dynamic import):
// the room's poster shows first and no player code is downloaded for scheduled or ended rooms.
import type { Playback } from '@hotland/contracts'
import { reachableUrl } from '@/lib/reachableUrl'

export type EngineKind = 'mpegts' | 'native-hls' | 'hls.js'
/** `audio`: the URL is the audio-only rendition (no video bytes are fetched). */
export interface PlaySource { kind: EngineKind; url: string; audio: boolean }

export interface PlayerEnv {
  /** MediaSource (or ManagedMediaSource) exists: mpegts.js and hls.js can work. */
  mse: boolean
  /** mpegts.js says it can play live HTTP-FLV here (MSE + fetch/XHR streaming). */
  flvLive: boolean
  /** The media element plays HLS by itself (iOS Safari). */
  nativeHls: boolean
}

/**
 * HTTP-FLV through mpegts.js where MSE exists (lowest delay); else native HLS (iOS); else hls.js; else nothing.
 * Low-data mode (`audioOnly`) takes the room's audio-only HLS rendition when there is one (native HLS, else hls.js), so
 * no video bytes are downloaded; without it (or where HLS cannot play) it falls back to the normal source, and the
 * caller hides the video (mpegts.js then skips the video track but the bytes still arrive).
 */
export function pickSource(playback: Playback | null, env: PlayerEnv, audioOnly = false): PlaySource | null {
  if (!playback) return null
  if (audioOnly && playback.audio) {
    if (env.nativeHls) return { kind: 'native-hls', url: playback.audio, audio: true }
    if (env.mse) return { kind: 'hls.js', url: playback.audio, audio: true }
  }
  if (env.mse && env.flvLive && playback.flv) return { kind: 'mpegts', url: playback.flv, audio: false }
  if (playback.hls && env.nativeHls) return { kind: 'native-hls', url: playback.hls, audio: false }
  if (playback.hls && env.mse) return { kind: 'hls.js', url: playback.hls, audio: false }
  return null
}

/** Whether low-data mode can really skip the video download for this room (it has an audio-only rendition). */
export function savesVideoData(playback: Playback | null): boolean {
  return !!playback?.audio
}

export function detectEnv(video: HTMLMediaElement): Omit<PlayerEnv, 'flvLive'> {
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

export interface StartedPlayback { handle: EngineHandle; kind: EngineKind; audio: boolean }

/**
 * Resolves the env (loading mpegts.js only when MSE exists and FLV may be needed) and starts the picked engine on
 * `video` (an <audio> element when low-data mode plays the audio-only rendition).
 */
export async function startPlayback(
  video: HTMLMediaElement, given: Playback, audioOnly: boolean, cb: EngineCallbacks,
): Promise<StartedPlayback | null> {
  const reach = (u: string | null) => (u === null ? null : reachableUrl(u))
  const playback: Playback = { flv: reachableUrl(given.flv), wsFlv: reachableUrl(given.wsFlv), hls: reach(given.hls), audio: reach(given.audio) }
  const base = detectEnv(video)
  let mpegts: typeof import('mpegts.js').default | null = null
  let flvLive = false
  const audioRendition = pickSource(playback, { ...base, flvLive: false }, audioOnly)
  if (base.mse && !audioRendition?.audio) {
    mpegts = (await import('mpegts.js')).default
    flvLive = mpegts.isSupported() && mpegts.getFeatureList().mseLivePlayback
  }
  const src = audioRendition?.audio ? audioRendition : pickSource(playback, { ...base, flvLive }, audioOnly)
  if (!src) return null
  const audio = src.audio

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
      audio,
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
      audio,
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
  return { kind: 'hls.js', audio, handle: { destroy: () => hls.destroy() } }
}
