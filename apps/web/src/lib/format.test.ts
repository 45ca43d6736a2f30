import { describe, expect, it } from 'vitest'
import { dayText } from './format'

describe('dates on screen', () => {
  it('shows the day without the time where the time adds nothing', () => {
    const at = new Date(2026, 10, 29, 10, 36).toISOString()
    expect(dayText(at, 'zh-CN')).toBe('2026/11/29')
    expect(dayText(at, 'en-US')).toBe('11/29/2026')
    expect(dayText('soon', 'zh-CN')).toBe('soon')
  })
})
