// Pure helpers for browser publishing (tested without a camera).

/** The first container/codec this browser's MediaRecorder can write: WebM in Chromium/Firefox, MP4 in Safari. */
export const RECORDER_TYPES = [
  'video/webm;codecs=vp8,opus',
  'video/webm;codecs=h264,opus',
  'video/webm',
  'video/mp4;codecs=avc1,mp4a',
  'video/mp4',
] as const

export function pickRecorderType(isTypeSupported: (t: string) => boolean): string | null {
  for (const t of RECORDER_TYPES) {
    try { if (isTypeSupported(t)) return t } catch { /* some browsers throw on unknown types */ }
  }
  return null
}

export type Facing = 'environment' | 'user'

/** Camera constraints for a weak uplink: 640×480 by default, 1280×720 on request. */
export function cameraConstraints(facing: Facing, hd = false): MediaStreamConstraints {
  return {
    video: { facingMode: { ideal: facing }, width: { ideal: hd ? 1280 : 640 }, height: { ideal: hd ? 720 : 480 }, frameRate: { ideal: 24, max: 30 } },
    audio: { echoCancellation: true, noiseSuppression: true },
  }
}

/** A server text frame on the publish socket. */
export function parsePublishReply(raw: unknown): { type: 'publishing' } | { type: 'error'; code: string } | null {
  if (typeof raw !== 'string') return null
  try {
    const o = JSON.parse(raw) as { type?: unknown; code?: unknown }
    if (o.type === 'publishing') return { type: 'publishing' }
    if (o.type === 'error') return { type: 'error', code: typeof o.code === 'string' ? o.code : 'INTERNAL' }
  } catch { /* not JSON */ }
  return null
}

/** getUserMedia failures → an i18n key under live.console.camera. */
export function cameraErrorKey(err: unknown): string {
  const name = err instanceof Error || (err && typeof err === 'object' && 'name' in err) ? String((err as { name: unknown }).name) : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing'
  if (name === 'NotReadableError') return 'busy'
  if (name === 'Insecure') return 'insecure'
  return 'failed'
}
