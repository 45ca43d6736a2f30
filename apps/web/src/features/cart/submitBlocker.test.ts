import { describe, expect, it } from 'vitest'
import { submitBlocker } from './submitBlocker'

const ok = { hasAddress: true, shops: [{ deliverable: true }], hasFresh: true, freshOk: true }

describe('submitBlocker', () => {
  it('lets the order go when there is an address, every shop delivers and the fresh notice is confirmed', () => {
    expect(submitBlocker(ok)).toBeNull()
    expect(submitBlocker({ ...ok, hasFresh: false, freshOk: false })).toBeNull()
  })

  it('asks for the fresh-produce confirmation when the order has fresh produce', () => {
    expect(submitBlocker({ ...ok, freshOk: false })).toBe('needFresh')
  })

  it('says a shop does not deliver before asking about fresh produce', () => {
    expect(submitBlocker({ ...ok, shops: [{ deliverable: true }, { deliverable: false }], freshOk: false })).toBe('needDeliverable')
  })

  it('asks for an address first of all', () => {
    expect(submitBlocker({ ...ok, hasAddress: false, shops: [{ deliverable: false }], freshOk: false })).toBe('needAddress')
  })
})
