import { describe, expect, it } from 'vitest'
import { clipLength, keepWithinClip, parseMediaFragment } from './clipPlayer'

class FakeVideo extends EventTarget {
  currentTime = 0
  paused = true
  pause() { this.paused = true; this.dispatchEvent(new Event('pause')) }
  play() { this.paused = false; this.dispatchEvent(new Event('play')) }
  tick(t: number) { this.currentTime = t; this.dispatchEvent(new Event('timeupdate')) }
}

describe('live clips on the trace page', () => {
  it('reads the clip\'s range from the media fragment', () => {
    expect(parseMediaFragment('/api/live-rooms/r/replay?recording=x#t=12,47.5')).toEqual({ start: 12, end: 47.5 })
    expect(parseMediaFragment('/v.mp4#t=npt:1:05,1:30')).toEqual({ start: 65, end: 90 })
    expect(parseMediaFragment('/v.mp4#t=30')).toEqual({ start: 30, end: null })
    expect(parseMediaFragment('/v.mp4')).toBeNull()
  })

  it('pauses at the end of the clip when the browser ignores the fragment\'s end', () => {
    const v = new FakeVideo()
    keepWithinClip(v as unknown as HTMLVideoElement, 10, 20)
    v.currentTime = 10
    v.play()
    v.tick(15)
    expect(v.paused).toBe(false)
    v.tick(20.02)
    expect(v.paused).toBe(true)
    expect(v.currentTime).toBe(20)
  })

  it('starts the clip again when played after it ended or from before its start', () => {
    const v = new FakeVideo()
    keepWithinClip(v as unknown as HTMLVideoElement, 10, 20)
    v.currentTime = 20
    v.play()
    expect(v.currentTime).toBe(10)
    v.pause()
    v.currentTime = 0
    v.play()
    expect(v.currentTime).toBe(10)
  })

  it('stops watching once removed', () => {
    const v = new FakeVideo()
    const off = keepWithinClip(v as unknown as HTMLVideoElement, 0, 5)
    off()
    v.play()
    v.tick(30)
    expect(v.paused).toBe(false)
  })

  it('shows a clip\'s length as m:ss', () => {
    expect(clipLength(12, 47.5)).toBe('0:36')
    expect(clipLength(0, 125)).toBe('2:05')
  })
})
