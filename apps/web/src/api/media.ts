import type { ImageView } from '@hotland/contracts'
import { API_BASE, ApiError, toApiError } from './http'

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024
export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp']

export interface UploadHandle {
  promise: Promise<ImageView>
  abort: () => void
}

/**
 * Uploads one image as multipart field `file`. XMLHttpRequest (not fetch) because only XHR reports upload
 * progress, which matters on a weak 4G link. `onProgress` gets 0..1.
 */
export function uploadImage(file: Blob, onProgress?: (ratio: number) => void, filename = 'photo'): UploadHandle {
  const xhr = new XMLHttpRequest()
  const promise = new Promise<ImageView>((resolve, reject) => {
    if (file.size > MAX_IMAGE_BYTES) {
      reject(new ApiError(413, 'CATALOG_IMAGE_TOO_LARGE', 'Image larger than 10 MB', 'file'))
      return
    }
    if (file.type && !ACCEPTED_IMAGE_TYPES.includes(file.type)) {
      reject(new ApiError(400, 'CATALOG_IMAGE_INVALID', `Unsupported type ${file.type}`, 'file'))
      return
    }
    xhr.open('POST', `${API_BASE}/media/images`)
    xhr.withCredentials = true
    xhr.setRequestHeader('accept', 'application/json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.min(1, e.loaded / e.total))
    }
    xhr.onload = () => {
      let body: unknown = null
      try { body = JSON.parse(xhr.responseText) } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1)
        resolve(body as ImageView)
      } else {
        reject(toApiError(xhr.status, xhr.statusText, body))
      }
    }
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Network error'))
    xhr.onabort = () => reject(new ApiError(0, 'UPLOAD_ABORTED', 'Upload cancelled'))
    const form = new FormData()
    form.append('file', file, file instanceof File ? file.name : filename)
    xhr.send(form)
  })
  return { promise, abort: () => xhr.abort() }
}
