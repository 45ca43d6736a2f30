import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password.ts'

describe('passwords', () => {
  it('hashes with argon2id and a fresh salt, and verifies only the right password', async () => {
    const a = await hashPassword('apples-2024')
    const b = await hashPassword('apples-2024')
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword(a, 'apples-2024')).toBe(true)
    expect(await verifyPassword(a, 'apples-2025')).toBe(false)
    expect(await verifyPassword('not a hash', 'x')).toBe(false)
  })
})
