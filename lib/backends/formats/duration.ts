/** A schedule duration written as `<n><unit>` with unit s, m, h or d (`5m`, `1h`). */
export interface Duration {
  readonly text: string
  readonly seconds: number
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const

/** Parses `5m`, `90s`, `1h`, `2d`; undefined for anything else. */
export function parseDuration(text: string): Duration | undefined {
  const match = /^(\d+)([smhd])$/.exec(text.trim())
  if (!match) return undefined
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS]
  return seconds > 0 ? { text: `${match[1]}${match[2]}`, seconds } : undefined
}

/** The shortest `<n><unit>` spelling of a number of seconds (`540` → `9m`). */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`
  }
  return `${seconds}s`
}
