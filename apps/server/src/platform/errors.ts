import type { ErrorCode } from '@hotland/contracts'

/** Broad kind decides the HTTP status; the code is the stable, specific reason. Services throw these; routes never map. */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'too_large'

export const statusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
}

export class AppError extends Error {
  readonly kind: ErrorKind
  readonly code: ErrorCode
  readonly field: string | undefined
  constructor(kind: ErrorKind, code: ErrorCode, message: string, field?: string) {
    super(message)
    this.kind = kind
    this.code = code
    this.field = field
  }
}

export const invalid = (code: ErrorCode, message: string, field?: string) => new AppError('invalid', code, message, field)
export const forbidden = (code: ErrorCode, message: string) => new AppError('forbidden', code, message)
export const notFound = (code: ErrorCode, message: string) => new AppError('not_found', code, message)
export const conflict = (code: ErrorCode, message: string, field?: string) => new AppError('conflict', code, message, field)
export const unauthenticated = () => new AppError('unauthenticated', 'AUTH_REQUIRED', 'Log in first')
