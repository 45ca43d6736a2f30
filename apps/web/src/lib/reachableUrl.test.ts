import { describe, expect, it } from 'vitest'
import { reachableUrl } from './reachableUrl'

describe('addresses a phone on the LAN can reach', () => {
  it('swaps a loopback host for the host the page was opened on', () => {
    expect(reachableUrl('http://localhost:8000/live/r.flv', '192.168.1.20')).toBe('http://192.168.1.20:8000/live/r.flv')
    expect(reachableUrl('rtmp://localhost:1935/live', '192.168.1.20')).toBe('rtmp://192.168.1.20:1935/live')
    expect(reachableUrl('rtmp://127.0.0.1:1935/live/room_1?key=abc', 'hotland.local')).toBe('rtmp://hotland.local:1935/live/room_1?key=abc')
  })

  it('keeps real hosts, and everything when the page itself is on this computer', () => {
    expect(reachableUrl('https://cdn.example.cn/live/r.flv', '192.168.1.20')).toBe('https://cdn.example.cn/live/r.flv')
    expect(reachableUrl('http://localhost:8000/live/r.flv', 'localhost')).toBe('http://localhost:8000/live/r.flv')
    expect(reachableUrl('/media/hls/r/index.m3u8', '192.168.1.20')).toBe('/media/hls/r/index.m3u8')
  })
})
