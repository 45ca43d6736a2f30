import { describe, expect, it } from 'vitest'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { TraceSteps, TrackingStatuses } from '@hotland/contracts'
import { sortJourney, stepKey, stepLook, trackingKey } from './journey'

const get = (obj: unknown, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj)

describe('journey steps', () => {
  it('has a label in both languages for every step the server can send', () => {
    for (const step of TraceSteps) {
      expect(get(zhCN, stepKey(step)), step).toBeTypeOf('string')
      expect(get(enUS, stepKey(step)), step).toBeTypeOf('string')
    }
    for (const s of TrackingStatuses) {
      expect(get(zhCN, trackingKey(s)), s).toBeTypeOf('string')
      expect(get(enUS, trackingKey(s)), s).toBeTypeOf('string')
    }
  })

  it('uses the farmer\'s words for the main steps', () => {
    expect(get(zhCN, stepKey('harvested'))).toBe('采摘')
    expect(get(zhCN, stepKey('at_hub'))).toBe('到达县分拨中心')
    expect(get(zhCN, stepKey('delivered'))).toBe('已签收')
  })

  it('reads an unknown step as "other" instead of showing a raw key', () => {
    expect(stepKey('teleported')).toBe('trace.steps.other')
    expect(stepLook('teleported')).toEqual(stepLook('other'))
    expect(stepLook('corrected').tone).toBe('warn')
  })

  it('orders the journey by time, keeping the server order for equal times', () => {
    const items = [
      { at: '2026-03-02T08:00:00+08:00', step: 'packed' },
      { at: '2026-03-01T08:00:00+08:00', step: 'harvested' },
      { at: '2026-03-02T08:00:00+08:00', step: 'shipped' },
    ]
    expect(sortJourney(items).map((i) => i.step)).toEqual(['harvested', 'packed', 'shipped'])
  })
})
