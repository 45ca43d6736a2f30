import { existsSync } from 'node:fs'

/** System Chromium only: the suite never downloads browsers. Override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM_PATH)

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run',
]

export const SKIP_NOTICE =
  `\n⚠  Browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH}.\n` +
  '   Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH. CI installs it.\n'

/** Extra flags for journeys that use the camera: a synthetic camera and microphone, no permission prompt, autoplay. */
export const MEDIA_ARGS = [
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
]
