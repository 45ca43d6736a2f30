import { describe, expect, it } from 'vitest'
import { pickSource, savesVideoData } from './player'

const playback = { audio: null as string | null, flv: 'http://h:8000/live/r.flv', wsFlv: 'ws://h:8000/live/r.flv', hls: 'http://h/media/hls/r/index.m3u8' }

describe('pickSource', () => {
  it('should use HTTP-FLV through mpegts.js where MSE live playback works (Android Chrome, desktop)', () => {
    expect(pickSource(playback, { mse: true, flvLive: true, nativeHls: false })).toEqual({ kind: 'mpegts', url: playback.flv, audio: false })
  })
  it('should use native HLS on iOS Safari (no MSE)', () => {
    expect(pickSource(playback, { mse: false, flvLive: false, nativeHls: true })).toEqual({ kind: 'native-hls', url: playback.hls, audio: false })
  })
  it('should fall back to hls.js when MSE exists but FLV streaming does not', () => {
    expect(pickSource(playback, { mse: true, flvLive: false, nativeHls: false })).toEqual({ kind: 'hls.js', url: playback.hls, audio: false })
  })
  it('should give up when there is neither FLV support nor an HLS playlist', () => {
    expect(pickSource({ ...playback, hls: null }, { mse: false, flvLive: false, nativeHls: true })).toBeNull()
    expect(pickSource(null, { mse: true, flvLive: true, nativeHls: true })).toBeNull()
  })
})

describe('pickSource in low-data mode', () => {
  const withAudio = { ...playback, audio: 'http://h/media/hls/r/audio/index.m3u8' }
  const android = { mse: true, flvLive: true, nativeHls: false }
  const ios = { mse: false, flvLive: false, nativeHls: true }

  it('should play only the audio rendition through hls.js where MSE exists, even when FLV would work', () => {
    expect(pickSource(withAudio, android, true)).toEqual({ kind: 'hls.js', url: withAudio.audio, audio: true })
  })
  it('should play the audio rendition natively where the element plays HLS by itself (iOS)', () => {
    expect(pickSource(withAudio, ios, true)).toEqual({ kind: 'native-hls', url: withAudio.audio, audio: true })
  })
  it('should keep the normal stream (video hidden by the caller) when the room has no audio rendition', () => {
    expect(pickSource(playback, android, true)).toEqual({ kind: 'mpegts', url: playback.flv, audio: false })
    expect(pickSource(playback, ios, true)).toEqual({ kind: 'native-hls', url: playback.hls, audio: false })
  })
  it('should ignore the audio rendition when low-data mode is off (switching back restores the video)', () => {
    expect(pickSource(withAudio, android, false)).toEqual({ kind: 'mpegts', url: playback.flv, audio: false })
    expect(pickSource(withAudio, ios)).toEqual({ kind: 'native-hls', url: playback.hls, audio: false })
  })
  it('should fall back to the normal source when neither MSE nor native HLS can play the audio playlist', () => {
    expect(pickSource(withAudio, { mse: false, flvLive: false, nativeHls: false }, true)).toBeNull()
  })
  it('should tell whether low-data mode saves the video download', () => {
    expect(savesVideoData(withAudio)).toBe(true)
    expect(savesVideoData(playback)).toBe(false)
    expect(savesVideoData(null)).toBe(false)
  })
})
