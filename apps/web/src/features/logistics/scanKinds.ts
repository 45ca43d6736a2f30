import type { HubView, ScanKinds } from '@hotland/contracts'

export type ScanKind = (typeof ScanKinds)[number]

/**
 * The scans a place can make, most common first: a village pickup point picks parcels up (and may hand them out
 * locally); the county hub receives them, sends them off and may deliver. Mirrors the server's scan rules.
 */
export function scanKindsAt(kind: HubView['kind']): ScanKind[] {
  return kind === 'pickup_point'
    ? ['picked_up', 'out_for_delivery', 'delivered']
    : ['arrived', 'departed', 'out_for_delivery', 'delivered']
}
