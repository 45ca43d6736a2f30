import { describe, expect, it } from 'vitest'
import { cameraConstraints, cameraErrorKey, parsePublishReply, pickRecorderType } from './publisher'

describe('pickRecorderType', () => {
  it('should prefer WebM VP8/Opus in Chromium', () => {
    expect(pickRecorderType(() => true)).toBe('video/webm;codecs=vp8,opus')
  })
  it('should pick MP4 in Safari', () => {
    expect(pickRecorderType((t) => t.startsWith('video/mp4'))).toBe('video/mp4;codecs=avc1,mp4a')
  })
  it('should return null when nothing is supported or the check throws', () => {
    expect(pickRecorderType(() => { throw new Error('x') })).toBeNull()
  })
})

describe('publish helpers', () => {
  it('should ask for the back camera at 640×480 unless HD is wanted', () => {
    expect(cameraConstraints('environment').video).toMatchObject({ facingMode: { ideal: 'environment' }, width: { ideal: 640 } })
    expect(cameraConstraints('user', true).video).toMatchObject({ facingMode: { ideal: 'user' }, width: { ideal: 1280 } })
  })
  it('should read the server replies', () => {
    expect(parsePublishReply('{"type":"publishing"}')).toEqual({ type: 'publishing' })
    expect(parsePublishReply('{"type":"error","code":"LIVE_NOT_VERIFIED","message":"x"}')).toEqual({ type: 'error', code: 'LIVE_NOT_VERIFIED' })
    expect(parsePublishReply('nope')).toBeNull()
  })
  it('should name camera failures', () => {
    expect(cameraErrorKey({ name: 'NotAllowedError' })).toBe('denied')
    expect(cameraErrorKey({ name: 'NotFoundError' })).toBe('missing')
    expect(cameraErrorKey(new Error('x'))).toBe('failed')
  })
})
