// The only place that calls fetch. Errors become ApiError with the server's stable code (translated by the UI)
// and, for bad input, the field at fault ('body.phone').
import { noteServerTime } from '@/lib/serverClock'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined
  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; field?: unknown }
}

/** Builds an ApiError from a status and a parsed (or unparseable) error body. Shared with the XHR uploader. */
export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  const e = (body as ErrorBody | null)?.error
  const code = typeof e?.code === 'string' ? e.code : status === 413 ? 'PAYLOAD_TOO_LARGE' : status >= 500 ? 'INTERNAL' : 'HTTP_ERROR'
  const message = typeof e?.message === 'string' ? e.message : statusText
  const field = typeof e?.field === 'string' ? e.field : undefined
  return new ApiError(status, code, message, field)
}

export const API_BASE = '/api'

export type Query = Record<string, string | number | boolean | null | undefined>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

export interface HttpInit extends Omit<RequestInit, 'body'> {
  /** A plain object is sent as JSON; FormData as multipart. */
  body?: unknown
  query?: Query
}

export async function http<T>(path: string, init: HttpInit = {}): Promise<T> {
  const { body, query, headers, ...rest } = init
  const h = new Headers(headers)
  let payload: BodyInit | undefined
  if (body instanceof FormData) {
    payload = body
  } else if (body !== undefined) {
    // Only send a JSON content-type when there is a JSON body: Fastify rejects an empty body declared as JSON.
    h.set('content-type', 'application/json')
    payload = JSON.stringify(body)
  }
  h.set('accept', 'application/json')
  let res: Response
  try {
    res = await fetch(`${API_BASE}${withQuery(path, query)}`, { credentials: 'include', ...rest, headers: h, body: payload })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : 'Network error')
  }
  noteServerTime(res.headers.get('x-server-time'))
  if (!res.ok) {
    const parsed: unknown = await res.json().catch(() => null)
    throw toApiError(res.status, res.statusText, parsed)
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}
