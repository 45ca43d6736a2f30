// Words and look of the journey steps on the trace page, and of the parcel tracking on the order page.
import type { TraceView, TrackingStatus } from '@hotland/contracts'

export type TraceStep = TraceView['journey'][number]['step']
export type Tone = 'origin' | 'check' | 'move' | 'done' | 'warn'

const STEP_LOOK: Record<TraceStep, { icon: string; tone: Tone }> = {
  harvested: { icon: 'flower-o', tone: 'origin' },
  inspected: { icon: 'passed', tone: 'check' },
  packed: { icon: 'bag-o', tone: 'origin' },
  shipped: { icon: 'logistics', tone: 'move' },
  picked_up: { icon: 'home-o', tone: 'move' },
  at_hub: { icon: 'cluster-o', tone: 'move' },
  departed: { icon: 'guide-o', tone: 'move' },
  out_for_delivery: { icon: 'location-o', tone: 'move' },
  delivered: { icon: 'checked', tone: 'done' },
  sold: { icon: 'cart-o', tone: 'done' },
  corrected: { icon: 'info-o', tone: 'warn' },
  other: { icon: 'circle', tone: 'move' },
}

/** The i18n key of a journey step (采摘, 检测, 装箱 …); an unknown step reads as 'other'. */
export function stepKey(step: string): string {
  return `trace.steps.${step in STEP_LOOK ? step : 'other'}`
}

export function stepLook(step: string): { icon: string; tone: Tone } {
  return STEP_LOOK[step as TraceStep] ?? STEP_LOOK.other
}

/** Journey items oldest first (the order things happened), stable for equal times. */
export function sortJourney<T extends { at: string }>(items: readonly T[]): T[] {
  return items.map((it, i) => ({ it, i, t: Date.parse(it.at) }))
    .sort((a, b) => (a.t - b.t) || (a.i - b.i))
    .map((x) => x.it)
}

/** The i18n key of a parcel's tracking status (已揽收, 到达县分拨中心 …). */
export function trackingKey(status: TrackingStatus | string): string {
  return `trace.tracking.${status}`
}
