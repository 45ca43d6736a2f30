// Wires the media server to live rooms: publish auth, going live, recordings, browser publishing, HLS and MP4 remux.
import { existsSync, mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Config } from '../../config.ts'
import { startEmbeddedMediaServer, type EmbeddedMediaServer } from '../../platform/media/embedded.ts'
import { audioToHls, ffmpegAvailable, publishFromBrowser, remuxToHls, remuxToMp4, type FfmpegJob } from '../../platform/media/ffmpeg.ts'
import type { LiveService } from './service.ts'

export interface LiveMedia {
  readonly ffmpeg: boolean
  readonly hlsDir: string
  kick(roomId: string): void
  /** ffmpeg reading browser MediaRecorder chunks and publishing RTMP for this room. */
  startBrowserPublish(roomId: string, streamKey: string): FfmpegJob
  replayFile(flvFile: string): Promise<{ root: string; name: string; type: string }>
  onExternalPublish(roomId: string, on: boolean): Promise<void>
  stop(): Promise<void>
}

type Log = { info(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void }

export async function startLiveMedia(config: Config, live: LiveService, log: Log): Promise<LiveMedia> {
  const m = config.media
  const ffmpeg = m.mode !== 'off' && ffmpegAvailable(m.ffmpegPath)
  const hlsDir = join(config.dataDir, 'hls')
  mkdirSync(hlsDir, { recursive: true })
  const hlsJobs = new Map<string, FfmpegJob>()
  const audioJobs = new Map<string, FfmpegJob>()
  const ffLog = (what: string) => (line: string) => log.warn({ ffmpeg: what }, line)
  if (m.mode !== 'off' && !ffmpeg) log.warn({}, `ffmpeg not found at "${m.ffmpegPath}": browser publishing, HLS and MP4 replays are off (apt-get install ffmpeg)`)

  const safe = (p: Promise<unknown>, what: string) => p.catch((err) => log.warn({ err }, `live media: ${what} failed`))

  function startHls(roomId: string) {
    if (!ffmpeg || !m.playHlsUrl || m.mode !== 'embedded' || hlsJobs.has(roomId)) return
    const dir = join(hlsDir, roomId)
    mkdirSync(dir, { recursive: true })
    const flv = `http://127.0.0.1:${m.httpPort}/live/${roomId}.flv`
    const job = remuxToHls(m.ffmpegPath, flv, join(dir, 'index.m3u8'), ffLog('hls'))
    hlsJobs.set(roomId, job)
    void job.done.then(() => hlsJobs.delete(roomId))
    // A separate process: a stream without audio must not stop the video HLS.
    const audio = audioToHls(m.ffmpegPath, flv, join(dir, 'audio.m3u8'), ffLog('audio hls'))
    audioJobs.set(roomId, audio)
    void audio.done.then(() => audioJobs.delete(roomId))
  }
  function stopHls(roomId: string) {
    hlsJobs.get(roomId)?.kill()
    hlsJobs.delete(roomId)
    audioJobs.get(roomId)?.kill()
    audioJobs.delete(roomId)
    void rm(join(hlsDir, roomId), { recursive: true, force: true })
  }

  let embedded: EmbeddedMediaServer | null = null
  if (m.mode === 'embedded') {
    embedded = await startEmbeddedMediaServer({
      bind: m.bind, rtmpPort: m.rtmpPort, httpPort: m.httpPort, recordDir: m.recordDir, storeDir: join(config.dataDir, 'media-server'),
      log: { info: (msg) => log.info({}, msg), warn: (msg) => log.warn({}, msg) },
    }, {
      authorizePublish: (roomId, query) => live.authorizePublish(roomId, query.key),
      onPublishStart: (roomId) => {
        void safe(live.onPublishStart(roomId), 'publish start')
        startHls(roomId)
      },
      onPublishEnd: (roomId) => {
        void safe(live.onPublishEnd(roomId), 'publish end')
        stopHls(roomId)
      },
      onRecordingStart: (roomId, file, at) => void safe(live.onRecordingStart(roomId, file, at), 'recording start'),
      onRecordingEnd: (_roomId, file, seconds) => {
        void safe(live.onRecordingEnd(file, seconds), 'recording end')
        if (ffmpeg) void remuxToMp4(m.ffmpegPath, file, file.replace(/\.flv$/, '.mp4'), ffLog('mp4')).done
      },
    })
  }

  return {
    ffmpeg,
    hlsDir,
    kick: (roomId) => embedded?.kick(roomId),
    startBrowserPublish(roomId, streamKey) {
      const base = m.mode === 'embedded' ? `rtmp://127.0.0.1:${m.rtmpPort}/live` : m.rtmpPublicUrl
      return publishFromBrowser(m.ffmpegPath, `${base}/${streamKey}`, ffLog(`publish ${roomId}`))
    },
    async replayFile(flvFile) {
      const mp4 = flvFile.replace(/\.flv$/, '.mp4')
      const file = existsSync(mp4) ? mp4 : flvFile
      return { root: dirname(file), name: basename(file), type: file.endsWith('.mp4') ? 'video/mp4' : 'video/x-flv' }
    },
    async onExternalPublish(roomId, on) {
      if (on) await live.onPublishStart(roomId)
      else await live.onPublishEnd(roomId)
    },
    async stop() {
      for (const id of [...hlsJobs.keys()]) stopHls(id)
      await embedded?.stop()
    },
  }
}
