/** SMS provider port. Production deployments plug in their carrier's API (Aliyun, Tencent Cloud …). */
export interface SmsProvider {
  sendCode(phone: string, code: string, purpose: string): Promise<void>
}
