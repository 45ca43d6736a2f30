import { spawn, spawnSync, type ChildProcess } from 'node:child_process'

/** Whether ffmpeg can be run (browser publishing, HLS and MP4 replays need it; RTMP and HTTP-FLV do not). */
export function ffmpegAvailable(path: string): boolean {
  try {
    return spawnSync(path, ['-version'], { stdio: 'ignore', timeout: 5000 }).status === 0
  } catch {
    return false
  }
}

export interface FfmpegJob {
  readonly process: ChildProcess
  write(chunk: Buffer): boolean
  end(): void
  kill(): void
  done: Promise<number | null>
}

function run(path: string, args: string[], onLog: (line: string) => void): FfmpegJob {
  const child = spawn(path, args, { stdio: ['pipe', 'ignore', 'pipe'] })
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (d: string) => d.split('\n').filter(Boolean).forEach(onLog))
  child.stdin?.on('error', () => {}) // ffmpeg may exit first; the exit code tells what happened
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return {
    process: child,
    write: (chunk) => child.stdin?.write(chunk) ?? false,
    end: () => child.stdin?.end(),
    kill: () => { if (child.exitCode === null) child.kill('SIGKILL') },
    done,
  }
}

/**
 * Browser → RTMP: reads what MediaRecorder produces (WebM or MP4 chunks) on stdin and publishes H.264/AAC FLV to
 * the RTMP ingest, so browser streams reach viewers through the same path as OBS. Always re-encodes: browsers put
 * keyframes far apart, and viewers who join mid-stream need one every 2 seconds.
 */
export function publishFromBrowser(path: string, rtmpUrl: string, onLog: (line: string) => void): FfmpegJob {
  return run(path, [
    '-hide_banner', '-loglevel', 'error', '-fflags', '+genpts+nobuffer', '-i', 'pipe:0',
    '-map', '0:v:0?', '-map', '0:a:0?',
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    '-vf', "scale='min(1280,iw)':-2", '-r', '25', '-g', '50', '-keyint_min', '50', '-sc_threshold', '0',
    '-b:v', '1500k', '-maxrate', '1800k', '-bufsize', '3000k',
    '-c:a', 'aac', '-ar', '44100', '-ac', '1', '-b:a', '96k',
    '-f', 'flv', rtmpUrl,
  ], onLog)
}

/** Live HLS for players without Media Source Extensions (iPhone Safari): remux the FLV, no re-encoding. */
export function remuxToHls(path: string, flvUrl: string, playlist: string, onLog: (line: string) => void): FfmpegJob {
  return run(path, [
    '-hide_banner', '-loglevel', 'error', '-i', flvUrl, '-c', 'copy',
    '-f', 'hls', '-hls_time', '2', '-hls_list_size', '6', '-hls_flags', 'delete_segments+independent_segments', playlist,
  ], onLog)
}

/** The live's AAC track alone as HLS: low-data mode plays this and never downloads the video. */
export function audioToHls(path: string, flvUrl: string, playlist: string, onLog: (line: string) => void): FfmpegJob {
  return run(path, [
    '-hide_banner', '-loglevel', 'error', '-i', flvUrl, '-map', '0:a:0', '-c', 'copy',
    '-f', 'hls', '-hls_time', '2', '-hls_list_size', '6', '-hls_flags', 'delete_segments+independent_segments', playlist,
  ], onLog)
}

/** A finished FLV recording → MP4 with the index up front, so browsers (and iOS) can seek in replays and clips. */
export function remuxToMp4(path: string, flvFile: string, mp4File: string, onLog: (line: string) => void): FfmpegJob {
  return run(path, ['-hide_banner', '-loglevel', 'error', '-y', '-i', flvFile, '-c', 'copy', '-movflags', '+faststart', mp4File], onLog)
}
