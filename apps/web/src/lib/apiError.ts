import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { showFailToast } from '@/ui/feedback'

type Translate = (key: string, named?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

/** 'body.phone' → 'phone'; '/skus/0/priceFen' → 'skus.0.priceFen'. */
export function normalizeField(field: string | undefined): string | undefined {
  if (!field) return undefined
  const f = field.replace(/^\/+/, '').replace(/\//g, '.').replace(/^(body|querystring|query|params)\.?/, '')
  return f || undefined
}

/** The message shown to people: always the translation of the stable code, never the server's English text. */
export function errorMessage(err: unknown, t: Translate, te: Exists): string {
  if (err instanceof ApiError) {
    return te(`errors.${err.code}`) ? t(`errors.${err.code}`) : t('errors.UNKNOWN')
  }
  return t('errors.UNKNOWN')
}

/**
 * Form error state: a toast with the translated code, plus the field named by the server highlighted
 * (bind `fieldErrors.phone` to van-field's error-message).
 */
export function useFormErrors() {
  const { t, te } = useI18n()
  const fieldErrors = reactive<Record<string, string>>({})

  function clear(field?: string) {
    if (field) delete fieldErrors[field]
    else for (const k of Object.keys(fieldErrors)) delete fieldErrors[k]
  }

  function handle(err: unknown): string {
    if (!(err instanceof ApiError)) console.error(err)
    const msg = errorMessage(err, t, te)
    const field = err instanceof ApiError ? normalizeField(err.field) : undefined
    if (field) fieldErrors[field] = msg
    showFailToast({ message: msg, wordBreak: 'break-word' })
    return msg
  }

  return { fieldErrors, handle, clear }
}

/** For non-form actions: just the toast. */
export function useErrorToast() {
  const { t, te } = useI18n()
  return (err: unknown) => {
    if (!(err instanceof ApiError)) console.error(err)
    const msg = errorMessage(err, t, te)
    showFailToast({ message: msg, wordBreak: 'break-word' })
    return msg
  }
}
