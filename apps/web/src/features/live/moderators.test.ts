import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '@hotland/contracts'
import { roomModerators, withModeratorTags } from './moderators'

const msg = (id: string, userId: string, role: ChatMessage['role']): ChatMessage =>
  ({ id, userId, role, displayName: userId, text: 'hi', at: '2026-11-29T08:00:00.000Z' })

describe('roomModerators', () => {
  it('should take a user as moderator when their latest message says so', () => {
    const chat = [msg('m1', 'usr_a', null), msg('m2', 'usr_a', 'moderator'), msg('m3', 'usr_b', 'moderator'), msg('m4', 'usr_b', null)]
    expect([...roomModerators(chat, new Map())]).toEqual(['usr_a'])
  })
  it('should let appointments and removals made in the console win over older messages', () => {
    const chat = [msg('m1', 'usr_a', 'moderator'), msg('m2', 'usr_b', null)]
    const mods = roomModerators(chat, new Map([['usr_a', false], ['usr_b', true]]))
    expect([...mods]).toEqual(['usr_b'])
  })
  it('should never count the anchor as a moderator', () => {
    expect(roomModerators([msg('m1', 'usr_anchor', 'anchor')], new Map()).size).toBe(0)
  })
})

describe('withModeratorTags', () => {
  it('should tag older lines of a new moderator and untag a removed one, leaving the anchor alone', () => {
    const chat = [msg('m1', 'usr_a', null), msg('m2', 'usr_b', 'moderator'), msg('m3', 'usr_anchor', 'anchor')]
    const out = withModeratorTags(chat, new Set(['usr_a']))
    expect(out.map((m) => m.role)).toEqual(['moderator', null, 'anchor'])
    expect(out[2]).toBe(chat[2])
  })
})
