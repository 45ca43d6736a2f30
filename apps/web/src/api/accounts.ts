import type {
  LoginBody, MeView, OtpLoginBody, RegisterBody, RejectVerificationBody, RequestOtpBody, SessionView, SubmitVerificationBody,
  UserView, VerificationStatus, VerificationView,
} from '@hotland/contracts'
import type { Page } from '@hotland/contracts'
import { http } from './http'

export const accountsApi = {
  requestOtp: (body: RequestOtpBody) =>
    http<{ sent: true; expiresInSeconds: number }>('/accounts/otp', { method: 'POST', body }),
  register: (body: RegisterBody) => http<UserView>('/accounts/register', { method: 'POST', body }),
  login: (body: LoginBody) => http<UserView>('/accounts/login', { method: 'POST', body }),
  loginWithOtp: (body: OtpLoginBody) => http<UserView>('/accounts/login/otp', { method: 'POST', body }),
  logout: () => http<void>('/accounts/logout', { method: 'POST' }),
  me: () => http<MeView>('/accounts/me'),
  /** Who is logged in, or { me: null } for a visitor (no 401 in the console on every page load). */
  session: () => http<SessionView>('/accounts/session'),
  submitVerification: (body: SubmitVerificationBody) =>
    http<VerificationView>('/accounts/me/verification', { method: 'POST', body }),
  listVerifications: (query: { status?: VerificationStatus; countyCode?: string; cursor?: string; limit?: number }) =>
    http<Page<VerificationView>>('/accounts/verifications', { query }),
  approveVerification: (id: string) =>
    http<VerificationView>(`/accounts/verifications/${encodeURIComponent(id)}/approve`, { method: 'POST' }),
  rejectVerification: (id: string, body: RejectVerificationBody) =>
    http<VerificationView>(`/accounts/verifications/${encodeURIComponent(id)}/reject`, { method: 'POST', body }),
}
