import { describe, expect, it } from 'vitest'
import { pickSource } from './player'

const playback = { audio: null, flv: 'http://h:8000/live/r.flv', wsFlv: 'ws://h:8000/live/r.flv', hls: 'http://h/media/hls/r/index.m3u8' }

describe('pickSource', () => {
  it('should use HTTP-FLV through mpegts.js where MSE live playback works (Android Chrome, desktop)', () => {
    expect(pickSource(playback, { mse: true, flvLive: true, nativeHls: false })).toEqual({ kind: 'mpegts', url: playback.flv })
  })
  it('should use native HLS on iOS Safari (no MSE)', () => {
    expect(pickSource(playback, { mse: false, flvLive: false, nativeHls: true })).toEqual({ kind: 'native-hls', url: playback.hls })
  })
  it('should fall back to hls.js when MSE exists but FLV streaming does not', () => {
    expect(pickSource(playback, { mse: true, flvLive: false, nativeHls: false })).toEqual({ kind: 'hls.js', url: playback.hls })
  })
  it('should give up when there is neither FLV support nor an HLS playlist', () => {
    expect(pickSource({ ...playback, hls: null }, { mse: false, flvLive: false, nativeHls: true })).toBeNull()
    expect(pickSource(null, { mse: true, flvLive: true, nativeHls: true })).toBeNull()
  })
})
