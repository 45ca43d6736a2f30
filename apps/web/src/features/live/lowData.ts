import { ref, watch } from 'vue'

const KEY = 'hotland.live.lowData'

function read(): boolean {
  try { return localStorage.getItem(KEY) === '1' } catch { return false }
}

/** Low-data mode (sound and cover only), remembered on this phone. */
export const lowDataMode = ref(read())
watch(lowDataMode, (v) => {
  try { localStorage.setItem(KEY, v ? '1' : '0') } catch { /* storage blocked */ }
})
