// Live-stream clips on the trace page are the replay MP4 with a media fragment (#t=start,end). Browsers start at
// `start` but not all stop at `end`, so we stop playback there ourselves, and a replay starts the clip again.

/** Reads `#t=start,end` (seconds, also `npt:` and `hh:mm:ss`) from a media URL. */
export function parseMediaFragment(url: string): { start: number; end: number | null } | null {
  const hash = url.split('#')[1]
  if (!hash) return null
  const t = new URLSearchParams(hash).get('t')
  if (!t) return null
  const [a, b] = t.replace(/^npt:/, '').split(',')
  const start = a ? toSeconds(a) : 0
  const end = b ? toSeconds(b) : null
  if (start === null || Number.isNaN(start)) return null
  return { start, end }
}

function toSeconds(v: string): number | null {
  const parts = v.split(':').map(Number)
  if (parts.some((p) => Number.isNaN(p))) return null
  return parts.reduce((s, p) => s * 60 + p, 0)
}

type VideoLike = Pick<HTMLVideoElement, 'currentTime' | 'paused' | 'pause' | 'addEventListener' | 'removeEventListener'>

/**
 * Keeps a video inside [start, end]: pauses at end, and on play from outside the range jumps back to start.
 * Returns a function that removes the listeners.
 */
export function keepWithinClip(video: VideoLike, start: number, end: number): () => void {
  const onTime = () => {
    if (video.currentTime >= end - 0.05 && !video.paused) {
      video.pause()
      video.currentTime = end
    }
  }
  const onPlay = () => {
    if (video.currentTime >= end - 0.05 || video.currentTime < start - 0.5) video.currentTime = start
  }
  video.addEventListener('timeupdate', onTime)
  video.addEventListener('play', onPlay)
  return () => {
    video.removeEventListener('timeupdate', onTime)
    video.removeEventListener('play', onPlay)
  }
}

/** mm:ss for a clip's length. */
export function clipLength(start: number, end: number): string {
  const s = Math.max(0, Math.round(end - start))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}
