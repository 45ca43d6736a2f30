import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue'

// The camera barcode scanner for hub operators. Uses the browser's BarcodeDetector (Chrome on Android has it);
// where it is missing the page offers typing only. Nothing is downloaded for it.

interface DetectedBarcode { rawValue: string }
interface BarcodeDetectorLike { detect(source: CanvasImageSource): Promise<DetectedBarcode[]> }
type BarcodeDetectorCtor = new (opts?: { formats?: string[] }) => BarcodeDetectorLike

export function barcodeSupported(w: object = globalThis): boolean {
  return 'BarcodeDetector' in w && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia
}

/** A waybill from what the camera read: the label's Code 128 carries the waybill as is; anything else is ignored. */
export function waybillFromScan(raw: string): string | null {
  const v = raw.trim()
  return /^[A-Za-z0-9-]{6,40}$/.test(v) ? v.toUpperCase() : null
}

/**
 * start(video) opens the back camera into the <video>, reads barcodes about three times a second and calls onCode with
 * each new waybill (the same one is not repeated within 3 s). stop() releases the camera; also on unmount.
 */
export function useBarcodeScanner(onCode: (waybill: string) => void) {
  const active = ref(false)
  const failed = ref(false)
  const stream = shallowRef<MediaStream | null>(null)
  let timer: ReturnType<typeof setInterval> | null = null
  let last = { code: '', at: 0 }

  async function start(video: HTMLVideoElement) {
    failed.value = false
    if (!barcodeSupported()) { failed.value = true; return }
    try {
      const Ctor = (globalThis as unknown as { BarcodeDetector: BarcodeDetectorCtor }).BarcodeDetector
      const detector = new Ctor({ formats: ['code_128', 'code_39', 'qr_code', 'ean_13'] })
      stream.value = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      video.srcObject = stream.value
      await video.play()
      active.value = true
      let busy = false
      timer = setInterval(async () => {
        if (busy || video.readyState < 2) return
        busy = true
        try {
          for (const code of await detector.detect(video)) {
            const w = waybillFromScan(code.rawValue)
            if (!w) continue
            const now = Date.now()
            if (w === last.code && now - last.at < 3000) continue
            last = { code: w, at: now }
            onCode(w)
            break
          }
        } catch { /* a frame that could not be read */ } finally { busy = false }
      }, 350)
    } catch {
      failed.value = true
      stop()
    }
  }

  function stop() {
    if (timer) clearInterval(timer)
    timer = null
    stream.value?.getTracks().forEach((tr) => tr.stop())
    stream.value = null
    active.value = false
  }

  onBeforeUnmount(stop)
  return { active: active as Readonly<Ref<boolean>>, failed: failed as Readonly<Ref<boolean>>, start, stop }
}
