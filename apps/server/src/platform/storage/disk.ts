import { createReadStream } from 'node:fs'
import { mkdir, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileStorage } from './types.ts'

const SAFE_NAME = /^[A-Za-z0-9_.-]+$/

export function diskStorage(dir: string, urlPrefix = '/api/media/files/'): FileStorage {
  const pathOf = (name: string) => {
    if (!SAFE_NAME.test(name) || name.includes('..')) throw new Error(`Unsafe file name: ${name}`)
    return join(dir, name)
  }
  return {
    async put(name, data) {
      await mkdir(dir, { recursive: true })
      const tmp = pathOf(name) + '.tmp'
      await writeFile(tmp, data)
      await rename(tmp, pathOf(name)) // readers never see half a file
    },
    async open(name) {
      if (!SAFE_NAME.test(name) || name.includes('..')) return null
      try {
        const s = await stat(pathOf(name))
        if (!s.isFile()) return null
      } catch {
        return null
      }
      return createReadStream(pathOf(name))
    },
    url: (name) => urlPrefix + name,
  }
}
