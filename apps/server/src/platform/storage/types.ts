import type { Readable } from 'node:stream'

/** Where uploaded media lives. Disk by default; an object store can implement the same port. */
export interface FileStorage {
  put(name: string, data: Buffer): Promise<void>
  /** A readable stream, or null when the file does not exist. */
  open(name: string): Promise<Readable | null>
  /** Public URL path for a stored file. */
  url(name: string): string
}
