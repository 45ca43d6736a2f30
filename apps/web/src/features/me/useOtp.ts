import { ref } from 'vue'
import { accountsApi } from '@/api/accounts'
import { useCountdown } from '@/lib/useCountdown'

/** Requests an SMS code and runs the 60 s resend countdown. */
export function useOtp(purpose: 'register' | 'login') {
  const sending = ref(false)
  const countdown = useCountdown(60)

  async function send(phone: string) {
    sending.value = true
    try {
      await accountsApi.requestOtp({ phone, purpose })
      countdown.start()
    } finally {
      sending.value = false
    }
  }
  return { sending, left: countdown.left, running: countdown.running, send }
}
