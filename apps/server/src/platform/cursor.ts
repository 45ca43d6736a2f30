import { invalid } from './errors.ts'

/** Opaque cursors: base64url of the last seen (time-sortable) id. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url')
}
export function decodeCursor(cursor: string, field: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!/^[a-z]+_[0-9A-Z]{26}$/.test(id)) throw invalid('VALIDATION_FAILED', 'The cursor is not valid', field)
  return id
}
