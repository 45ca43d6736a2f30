import { randomBytes } from 'node:crypto'
import { argon2id, argon2Verify } from 'hash-wasm'

// argon2id in WebAssembly (hash-wasm): the native `argon2` package's prebuilt linux binary crashes on these machines
// (docs/decisions/0004). Parameters: OWASP's argon2id minimum — 19 MiB, 2 iterations, 1 lane.
const PARAMS = { parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32 } as const

/** A PHC string: $argon2id$v=19$m=19456,t=2,p=1$salt$hash */
export function hashPassword(password: string): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), ...PARAMS, outputType: 'encoded' })
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash })
  } catch {
    return false // not a hash we understand
  }
}
