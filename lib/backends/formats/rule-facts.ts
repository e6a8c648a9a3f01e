import type { RuleLevel } from '../../sigma/rule'
import { formatDuration, parseDuration, type Duration } from './duration'
import type { FormatInput, FormatResult, Schedule } from './types'

/** Elastic's prebuilt rules use these risk scores for each severity. */
const RISK_SCORE = { informational: 21, low: 21, medium: 47, high: 73, critical: 99 } as const satisfies Record<RuleLevel, number>

export const DEFAULT_SCHEDULE: Schedule = Object.freeze({ interval: '5m', lookback: '9m', maxAlerts: 100 })

export function levelOf(input: FormatInput): RuleLevel {
  return input.severity ?? input.rule.level ?? 'medium'
}

export function riskScoreOf(input: FormatInput): number {
  return input.riskScore ?? RISK_SCORE[levelOf(input)]
}

export interface ResolvedSchedule {
  readonly interval: Duration
  readonly lookback: Duration
  readonly maxAlerts: number
}

/** The schedule with defaults filled in, or the reason it cannot be used. */
export function resolveSchedule(input: FormatInput): ResolvedSchedule | Extract<FormatResult, { ok: false }> {
  const interval = parseDuration(input.schedule?.interval ?? DEFAULT_SCHEDULE.interval)
  const lookbackText = input.schedule?.lookback ?? (input.schedule?.interval ? undefined : DEFAULT_SCHEDULE.lookback)
  const lookback = lookbackText === undefined ? interval : parseDuration(lookbackText)
  if (!interval) return bad(`schedule interval \`${input.schedule?.interval}\` is not <number><s|m|h|d>`)
  if (!lookback) return bad(`schedule lookback \`${lookbackText}\` is not <number><s|m|h|d>`)
  if (lookback.seconds < interval.seconds)
    return bad(`schedule lookback ${lookback.text} is shorter than the interval ${interval.text}: events would be missed`)
  // A correlation needs its whole timespan inside every run's look-back.
  const span = correlationSeconds(input)
  if (span !== undefined && lookback.seconds < interval.seconds + span) {
    if (input.schedule?.lookback !== undefined)
      return bad(`schedule lookback ${lookback.text} is shorter than the interval ${interval.text} plus the correlation timespan: windows would be cut`)
    const seconds = interval.seconds + span
    return { interval, lookback: { text: formatDuration(seconds), seconds }, maxAlerts: input.schedule?.maxAlerts ?? DEFAULT_SCHEDULE.maxAlerts }
  }
  const maxAlerts = input.schedule?.maxAlerts ?? DEFAULT_SCHEDULE.maxAlerts
  if (!Number.isInteger(maxAlerts) || maxAlerts < 1) return bad(`max alerts must be a positive integer, not ${maxAlerts}`)
  return { interval, lookback, maxAlerts }
}

/** The timespan of a correlation document, in seconds. */
function correlationSeconds(input: FormatInput): number | undefined {
  const timespan = (input.rule as { timespan?: { seconds?: unknown } }).timespan
  return typeof timespan?.seconds === 'number' ? timespan.seconds : undefined
}

function bad(reason: string): Extract<FormatResult, { ok: false }> {
  return { ok: false, reason, code: 'bad-schedule' }
}

/** The description, or the title when the rule has none (every SIEM requires one). */
export function descriptionOf(input: FormatInput): string {
  return input.rule.description?.trim() || input.rule.title
}

export { formatDuration }
