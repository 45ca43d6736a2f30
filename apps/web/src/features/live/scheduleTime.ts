/** Quick start-time choices for the schedule form, in local time: in 1 hour (rounded to 5 min), tonight 20:00, tomorrow 09:00. */
export function quickTimes(now: Date): { key: 'inHour' | 'tonight' | 'tomorrowMorning'; at: Date }[] {
  const inHour = new Date(now.getTime() + 3600_000)
  inHour.setMinutes(Math.ceil(inHour.getMinutes() / 5) * 5, 0, 0)
  const tonight = new Date(now)
  tonight.setHours(20, 0, 0, 0)
  const morning = new Date(now)
  morning.setDate(morning.getDate() + 1)
  morning.setHours(9, 0, 0, 0)
  const out: { key: 'inHour' | 'tonight' | 'tomorrowMorning'; at: Date }[] = [{ key: 'inHour', at: inHour }]
  if (tonight.getTime() > now.getTime() + 10 * 60_000) out.push({ key: 'tonight', at: tonight })
  out.push({ key: 'tomorrowMorning', at: morning })
  return out
}

/** Date → the value of <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/** <input type="datetime-local"> value → ISO (UTC), or null. */
export function fromLocalInput(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return null
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}
