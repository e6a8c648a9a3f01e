import type { RuleLevel } from '../../sigma/rule'
import type { Duration } from './duration'
import { descriptionOf, levelOf, resolveSchedule } from './rule-facts'
import type { FormatInput, FormatResult, OutputFormat } from './types'

/** Splunk alert severities: 1 debug, 2 info, 3 warning, 4 error, 5 severe, 6 fatal. */
const ALERT_SEVERITY = { informational: 2, low: 3, medium: 4, high: 5, critical: 6 } as const satisfies Record<RuleLevel, number>

/**
 * A Splunk `savedsearches.conf` stanza that schedules the search as an alert:
 * it runs on a cron schedule over the look-back window and triggers when it
 * returns any event. Multi-line values use `\` continuation lines.
 *
 * @see https://docs.splunk.com/Documentation/Splunk/latest/Admin/Savedsearchesconf
 */
export function renderSavedSearch(input: FormatInput): FormatResult {
  if (input.language !== 'spl') return { ok: false, code: 'format-language', reason: `savedsearches.conf holds SPL searches, not ${input.language}` }
  const schedule = resolveSchedule(input)
  if ('ok' in schedule) return schedule
  const cron = cronOf(schedule.interval)
  if (!cron) return { ok: false, code: 'bad-schedule', reason: `the interval ${schedule.interval.text} has no exact cron schedule (use minutes dividing an hour, hours dividing a day, or 1d)` }
  const name = input.rule.title.replace(/[\[\]\r\n]+/g, ' ').replace(/ {2,}/g, ' ').trim()
  const settings: [string, string][] = [
    ['description', descriptionOf(input)],
    ['search', input.query],
    ['enableSched', '1'],
    ['cron_schedule', cron],
    ['dispatch.earliest_time', `-${schedule.lookback.text}`],
    ['dispatch.latest_time', 'now'],
    ['counttype', 'number of events'],
    ['relation', 'greater than'],
    ['quantity', '0'],
    ['alert.severity', String(ALERT_SEVERITY[levelOf(input)])],
    ['alert.track', '1'],
    ['alert.digest_mode', '1'],
    ['alert.suppress', '0'],
    ['alert.expires', '24h'],
    ['disabled', '1'],
  ]
  const lines = [`[${name}]`]
  for (const [key, value] of settings) {
    const valueLines = value.replace(/\r\n?/g, '\n').split('\n')
    if (valueLines.some((line) => line.endsWith('\\')))
      return { ok: false, code: 'format-escape', reason: `a line of ${key} ends with a backslash, which savedsearches.conf reads as a continuation` }
    lines.push(`${key} = ${valueLines.join('\\\n')}`)
  }
  return { ok: true, text: `${lines.join('\n')}\n`, warnings: [] }
}

/** Cron for an interval that divides an hour or a day exactly. */
function cronOf(interval: Duration): string | undefined {
  const minutes = interval.seconds / 60
  if (!Number.isInteger(minutes)) return undefined
  if (minutes < 60) return 60 % minutes === 0 ? (minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`) : undefined
  const hours = minutes / 60
  if (!Number.isInteger(hours)) return undefined
  if (hours < 24) return 24 % hours === 0 ? `0 ${hours === 1 ? '*' : `*/${hours}`} * * *` : undefined
  return hours === 24 ? '0 0 * * *' : undefined
}

export const savedSearches: OutputFormat = {
  id: 'savedsearches',
  label: 'Splunk savedsearches.conf stanza',
  languages: ['spl'],
  extension: 'conf',
  render: renderSavedSearch,
}
