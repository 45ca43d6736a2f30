/** Publish/subscribe between server processes (live room fan-out). Memory for one process; Redis for several. */
export interface EventBus {
  publish(channel: string, message: string): Promise<void>
  /** Returns an unsubscribe function. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}
