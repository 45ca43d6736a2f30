import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue'
import { liveSocketUrl } from '@/api/live'
import { cameraConstraints, cameraErrorKey as cameraErrorKeyOf, parsePublishReply, pickRecorderType, type Facing } from './publisher'

export type PublishState = 'idle' | 'starting' | 'publishing' | 'error'
const TIMESLICE_MS = 500

/**
 * 开播 from the phone browser: camera + microphone → MediaRecorder chunks → the /publish WebSocket; the server pipes
 * them through ffmpeg into the RTMP ingest. Flipping the camera restarts the recorder on a fresh socket (a recorder's
 * container header cannot change mid-stream); viewers' players reconnect by themselves.
 */
export function usePublisher(roomId: () => string) {
  const state = ref<PublishState>('idle')
  const errorCode = ref<string | null>(null)
  /** Key under live.console.camera when the camera could not start. */
  const cameraError = ref<string | null>(null)
  const stream = shallowRef<MediaStream | null>(null)
  const facing = ref<Facing>('environment')
  const muted = ref(false)
  const startedAt = ref<number | null>(null)
  let ws: WebSocket | null = null
  let recorder: MediaRecorder | null = null
  let wanted = false

  function stopRecorder() {
    if (recorder && recorder.state !== 'inactive') {
      try { recorder.stop() } catch { /* already stopped */ }
    }
    recorder = null
  }
  function stopTracks() {
    stream.value?.getTracks().forEach((t) => t.stop())
    stream.value = null
  }
  function closeSocket() {
    const s = ws
    ws = null
    if (s && s.readyState <= 1) s.close(1000)
  }

  async function openCamera(): Promise<MediaStream> {
    if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera api'), { name: window.isSecureContext ? 'NotFoundError' : 'Insecure' })
    const s = await navigator.mediaDevices.getUserMedia(cameraConstraints(facing.value))
    s.getAudioTracks().forEach((t) => { t.enabled = !muted.value })
    stream.value = s
    return s
  }

  /** Camera preview only (before 开播), so the farmer sees what buyers will see. */
  async function preview() {
    if (stream.value) return
    cameraError.value = null
    try {
      await openCamera()
    } catch (err) {
      cameraError.value = cameraErrorKeyOf(err)
    }
  }

  function startSending(s: MediaStream) {
    const type = pickRecorderType((t) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(t))
    if (!type) {
      fail('LIVE_RECORDER_UNSUPPORTED')
      return
    }
    const sock = new WebSocket(liveSocketUrl(roomId(), 'publish'))
    sock.binaryType = 'arraybuffer'
    ws = sock
    sock.onmessage = (ev) => {
      if (ws !== sock) return
      const reply = parsePublishReply(ev.data)
      if (reply?.type === 'publishing') {
        state.value = 'publishing'
        startedAt.value ??= Date.now()
      } else if (reply?.type === 'error') {
        fail(reply.code)
      }
    }
    sock.onclose = () => {
      if (ws !== sock) return
      ws = null
      stopRecorder()
      if (wanted && state.value !== 'error') fail('NETWORK_ERROR')
    }
    sock.onopen = () => {
      if (ws !== sock) return
      const rec = new MediaRecorder(s, { mimeType: type, videoBitsPerSecond: 800_000, audioBitsPerSecond: 64_000 })
      recorder = rec
      rec.ondataavailable = (e) => {
        if (e.data.size > 0 && ws === sock && sock.readyState === 1) sock.send(e.data)
      }
      rec.start(TIMESLICE_MS)
    }
  }

  function fail(code: string) {
    wanted = false
    errorCode.value = code
    state.value = 'error'
    stopRecorder()
    closeSocket()
  }

  async function start() {
    wanted = true
    errorCode.value = null
    cameraError.value = null
    state.value = 'starting'
    let s = stream.value
    if (!s) {
      try {
        s = await openCamera()
      } catch (err) {
        cameraError.value = cameraErrorKeyOf(err)
        wanted = false
        state.value = 'idle'
        return
      }
    }
    if (!wanted) return
    startSending(s)
  }

  function stop() {
    wanted = false
    stopRecorder()
    closeSocket()
    state.value = 'idle'
    startedAt.value = null
  }

  async function flip() {
    facing.value = facing.value === 'environment' ? 'user' : 'environment'
    const sending = wanted
    stopRecorder()
    closeSocket()
    stopTracks()
    try {
      const s = await openCamera()
      if (sending && wanted) startSending(s)
    } catch (err) {
      cameraError.value = cameraErrorKeyOf(err)
      if (sending) fail('LIVE_CAMERA_FAILED')
    }
  }

  function toggleMute() {
    muted.value = !muted.value
    stream.value?.getAudioTracks().forEach((t) => { t.enabled = !muted.value })
  }

  function dispose() {
    stop()
    stopTracks()
  }
  if (getCurrentScope()) onScopeDispose(dispose)

  return { state, errorCode, cameraError, stream, facing, muted, startedAt, preview, start, stop, flip, toggleMute, dispose }
}

