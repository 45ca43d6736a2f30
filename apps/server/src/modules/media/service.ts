import sharp, { type Metadata } from 'sharp'
import type { ImageUrls, ImageView } from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { invalid } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { FileStorage } from '../../platform/storage/types.ts'
import { mediaRepository } from './repository.ts'

export const IMAGE_SIZES = { large: 1080, medium: 480, small: 160 } as const
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp'])

export interface MediaDeps {
  db: Db
  storage: FileStorage
  clock: Clock
  maxUploadBytes: number
}

export function createMediaService(deps: MediaDeps) {
  const repo = mediaRepository(deps.db)
  const urlsOf = (id: string): ImageUrls => ({
    large: deps.storage.url(`${id}-${IMAGE_SIZES.large}.webp`),
    medium: deps.storage.url(`${id}-${IMAGE_SIZES.medium}.webp`),
    small: deps.storage.url(`${id}-${IMAGE_SIZES.small}.webp`),
  })

  return {
    urlsOf,

    /** Checks the bytes are a real JPEG/PNG/WebP, then stores WebP renditions at 1080/480/160 px wide. */
    async uploadImage(actorOrNull: Actor | null, data: Buffer, truncated: boolean): Promise<ImageView> {
      const actor = requireActor(actorOrNull)
      if (truncated || data.length > deps.maxUploadBytes) {
        throw invalid('CATALOG_IMAGE_TOO_LARGE', `Images must be at most ${Math.round(deps.maxUploadBytes / 1048576)} MB`, 'file')
      }
      let meta: Metadata
      try {
        meta = await sharp(data).metadata()
      } catch {
        throw invalid('CATALOG_IMAGE_INVALID', 'The file is not a readable image', 'file')
      }
      if (!meta.format || !ACCEPTED_FORMATS.has(meta.format) || !meta.width || !meta.height) {
        throw invalid('CATALOG_IMAGE_INVALID', 'Only JPEG, PNG and WebP images are accepted', 'file')
      }
      const id = newId('img')
      let width = meta.width
      let height = meta.height
      try {
        for (const px of Object.values(IMAGE_SIZES)) {
          const { data: out, info } = await sharp(data).rotate().resize({ width: px, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true })
          if (px === IMAGE_SIZES.large) {
            width = info.width
            height = info.height
          }
          await deps.storage.put(`${id}-${px}.webp`, out)
        }
      } catch {
        throw invalid('CATALOG_IMAGE_INVALID', 'The image could not be decoded', 'file')
      }
      const row = await repo.insertImage({ id, uploadedBy: actor.id, width, height, createdAt: deps.clock.now() })
      return { id: row.id, urls: urlsOf(row.id), width: row.width, height: row.height }
    },

    async views(ids: string[]): Promise<Map<string, ImageView>> {
      const rows = await repo.imagesByIds([...new Set(ids)])
      return new Map(rows.map((r) => [r.id, { id: r.id, urls: urlsOf(r.id), width: r.width, height: r.height }]))
    },

    /** Every id must be an existing image; `field` names the request field on failure. */
    async requireImages(ids: string[], field: string): Promise<void> {
      const found = await repo.imagesByIds([...new Set(ids)])
      const missing = ids.find((id) => !found.some((f) => f.id === id))
      if (missing) throw invalid('CATALOG_IMAGE_NOT_FOUND', `Image ${missing} does not exist`, field)
    },

    openFile: (name: string) => deps.storage.open(name),
  }
}
export type MediaService = ReturnType<typeof createMediaService>
