import type { ChatMessage } from '@hotland/contracts'

/**
 * The room's moderators (房管) as far as the console can tell. There is no GET for the list: each chat message carries
 * its sender's role when it was sent, so the latest message of a user says whether they are a moderator; appointments
 * and removals made from this console (`changes`, userId → moderator or not) win over the messages.
 */
export function roomModerators(chat: readonly ChatMessage[], changes: ReadonlyMap<string, boolean>): Set<string> {
  const latest = new Map<string, ChatMessage['role']>()
  for (const m of chat) latest.set(m.userId, m.role)
  const mods = new Set([...latest].filter(([, role]) => role === 'moderator').map(([userId]) => userId))
  for (const [userId, on] of changes) {
    if (on) mods.add(userId)
    else mods.delete(userId)
  }
  return mods
}

/** Chat lines with the 房管 tag as it is now (older lines of a new moderator get it; a removed one loses it). */
export function withModeratorTags(chat: ChatMessage[], mods: ReadonlySet<string>): ChatMessage[] {
  return chat.map((m) => {
    if (m.role === 'anchor') return m
    const role = mods.has(m.userId) ? 'moderator' : null
    return role === m.role ? m : { ...m, role }
  })
}
