import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { startPlayback } from '../player'
import LivePlayer from './LivePlayer.vue'

vi.mock('../player', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../player')>()),
  startPlayback: vi.fn(),
}))

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const playback = { flv: 'http://h:8000/live/r.flv', wsFlv: 'ws://h:8000/live/r.flv', hls: 'http://h/media/hls/r/index.m3u8', audio: null as string | null }
const mountPlayer = (props: { audioOnly: boolean; audio: string | null }) => mount(LivePlayer, {
  props: { playback: { ...playback, audio: props.audio }, poster: '/cover.webp', active: true, audioOnly: props.audioOnly, retryKey: 0 },
  global: { plugins: [i18n()], stubs: { VanIcon: true, VanLoading: true } },
})

describe('LivePlayer in low-data mode', () => {
  beforeEach(() => {
    vi.mocked(startPlayback).mockReset()
    vi.mocked(startPlayback).mockImplementation(async (_el, _pb, audioOnly) =>
      ({ kind: 'hls.js', audio: audioOnly && !!_pb.audio, handle: { destroy: () => undefined } }))
  })

  it('should play the audio rendition in an <audio> element over the cover, with no <video>', async () => {
    const w = mountPlayer({ audioOnly: true, audio: 'http://h/media/hls/r/audio.m3u8' })
    await flushPromises()
    expect(w.find('audio').exists()).toBe(true)
    expect(w.find('video').exists()).toBe(false)
    expect(w.get('img').attributes('src')).toBe('/cover.webp')
    expect(vi.mocked(startPlayback).mock.calls[0]![0]).toBeInstanceOf(HTMLAudioElement)
    expect(w.text()).toContain('省流量模式：只听声音')
    expect(w.text()).not.toContain('仍会用视频的流量')
    w.unmount()
  })

  it('should hide the video and say its data is still used when the room has no audio rendition', async () => {
    const w = mountPlayer({ audioOnly: true, audio: null })
    await flushPromises()
    expect(w.find('audio').exists()).toBe(false)
    expect(w.get('video').classes()).toContain('is-hidden')
    expect(w.text()).toContain('仍会用视频的流量')
    w.unmount()
  })

  it('should bring the <video> back when low-data mode is switched off', async () => {
    const w = mountPlayer({ audioOnly: true, audio: 'http://h/media/hls/r/audio.m3u8' })
    await flushPromises()
    await w.setProps({ audioOnly: false })
    await flushPromises()
    expect(w.find('audio').exists()).toBe(false)
    expect(w.find('video').exists()).toBe(true)
    const calls = vi.mocked(startPlayback).mock.calls
    expect(calls).toHaveLength(2) // one start per element, not one per changed prop
    expect(calls.at(-1)![0]).toBeInstanceOf(HTMLVideoElement)
    expect(calls.at(-1)![2]).toBe(false)
    w.unmount()
  })
})
