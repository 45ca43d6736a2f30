import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto'

/**
 * Accepts a PEM, or the bare base64 that Alipay's and WeChat's consoles hand out (PKCS#8 or PKCS#1 private keys,
 * SPKI public keys).
 */
export function privateKeyOf(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key
  if (key.includes('-----BEGIN')) return createPrivateKey(key)
  const der = Buffer.from(key.replace(/\s+/g, ''), 'base64')
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })
  }
}

export function publicKeyOf(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key
  if (key.includes('-----BEGIN')) return createPublicKey(key)
  const der = Buffer.from(key.replace(/\s+/g, ''), 'base64')
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' })
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' })
  }
}

/** RSA-SHA256 (Alipay "RSA2", WeChat "SHA256-RSA2048"), PKCS#1 v1.5, base64. */
export function rsaSign(message: string, key: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(key, 'base64')
}

export function rsaVerify(message: string, signatureBase64: string, key: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(key, Buffer.from(signatureBase64, 'base64'))
  } catch {
    return false
  }
}
