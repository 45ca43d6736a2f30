import { inArray } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { images } from './tables.ts'

export function mediaRepository(db: Db) {
  return {
    async insertImage(row: typeof images.$inferInsert) {
      const [r] = await db.insert(images).values(row).returning()
      return r!
    },
    async imagesByIds(ids: string[]) {
      if (!ids.length) return []
      return db.select().from(images).where(inArray(images.id, ids))
    },
  }
}
