import { invalid } from '../../platform/errors.ts'

/** A fresh product bought without the buyer's confirmation that it has no 7-day no-reason return. */
export const freshNotConfirmed = () =>
  invalid('ORDERS_FRESH_NOT_CONFIRMED', 'Fresh produce is not eligible for 7-day no-reason return; please confirm', 'body.freshConfirmed')
