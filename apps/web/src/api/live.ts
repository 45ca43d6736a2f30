import type {
  ChatMessage, ClipBody, ClipView, ListLiveQuery, LiveRoomView, NoticeView, Page, ScheduleLiveBody, StreamKeyView,
  UpdateLiveBody,
} from '@hotland/contracts'
import { API_BASE, http } from './http'

const id = (s: string) => encodeURIComponent(s)
const room = (roomId: string) => `/live-rooms/${id(roomId)}`

export const liveApi = {
  list: (query: ListLiveQuery = {}) => http<Page<LiveRoomView>>('/live-rooms', { query: { ...query } }),
  get: (roomId: string) => http<LiveRoomView>(room(roomId)),
  schedule: (shopId: string, body: ScheduleLiveBody) =>
    http<LiveRoomView>(`/shops/${id(shopId)}/live-rooms`, { method: 'POST', body }),
  update: (roomId: string, body: UpdateLiveBody) => http<LiveRoomView>(room(roomId), { method: 'PATCH', body }),
  end: (roomId: string) => http<LiveRoomView>(`${room(roomId)}/end`, { method: 'POST' }),
  streamKey: (roomId: string) => http<StreamKeyView>(`${room(roomId)}/stream-key`),
  rotateKey: (roomId: string) => http<StreamKeyView>(`${room(roomId)}/stream-key/rotate`, { method: 'POST' }),
  pin: (roomId: string, productId: string | null) =>
    http<LiveRoomView>(`${room(roomId)}/pin`, { method: 'POST', body: { productId } }),
  announce: (roomId: string, text: string) =>
    http<{ ok: true }>(`${room(roomId)}/announcements`, { method: 'POST', body: { text } }),
  follow: (roomId: string) => http<LiveRoomView>(`${room(roomId)}/follow`, { method: 'POST' }),
  unfollow: (roomId: string) => http<LiveRoomView>(`${room(roomId)}/follow`, { method: 'DELETE' }),
  chat: (roomId: string) => http<ChatMessage[]>(`${room(roomId)}/chat`),
  deleteMessage: (roomId: string, messageId: string) =>
    http<{ ok: true }>(`${room(roomId)}/messages/${id(messageId)}`, { method: 'DELETE' }),
  mute: (roomId: string, userId: string, minutes: number) =>
    http<{ ok: true }>(`${room(roomId)}/mutes`, { method: 'POST', body: { userId, minutes } }),
  ban: (roomId: string, userId: string) => http<{ ok: true }>(`${room(roomId)}/bans`, { method: 'POST', body: { userId } }),
  /** 设为房管 / 取消房管 (anchor only). */
  setModerator: (roomId: string, userId: string, on: boolean) =>
    http<{ ok: true }>(`${room(roomId)}/moderators/${id(userId)}`, { method: on ? 'PUT' : 'DELETE' }),
  clips: (roomId: string) => http<ClipView[]>(`${room(roomId)}/clips`),
  addClip: (roomId: string, body: ClipBody) => http<ClipView>(`${room(roomId)}/clips`, { method: 'POST', body }),
  notices: () => http<{ items: NoticeView[]; unread: number }>('/notices'),
  readNotices: () => http<{ ok: true }>('/notices/read', { method: 'POST' }),
}

/** ws(s)://<this host>/api/live-rooms/:id/<socket|publish> — same origin, so the session cookie goes along. */
export function liveSocketUrl(roomId: string, kind: 'socket' | 'publish', loc: Pick<Location, 'protocol' | 'host'> = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${loc.host}${API_BASE}${room(roomId)}/${kind}`
}
