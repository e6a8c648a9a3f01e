import { slideWindow, type Occurrence } from './correlation-window'
import { fieldValues, numericValue, scalarText } from './event-fields'
import { matches, type MatchOptions } from './evaluate'
import type { SigmaCorrelation, SigmaDocument } from './rule'

export interface CorrelationOptions extends MatchOptions {
  /** The event field holding the time; default `@timestamp`, else `timestamp`. */
  readonly timestampField?: string
}

/** One group (a combination of group-by values) that fired, and the events that made it fire. */
export interface FiredGroup {
  /** group-by field (or alias) → value. */
  readonly group: Readonly<Record<string, string>>
  /** Indexes into the events given, ascending. */
  readonly events: readonly number[]
  /** The aggregated value that satisfied the condition at the first firing (count, sum, …). */
  readonly value: number
}

export interface CorrelationResult {
  readonly fired: readonly FiredGroup[]
  /** Events that a referenced rule matched but that could not be used (no timestamp). */
  readonly problems: readonly { readonly index: number; readonly message: string }[]
}

/**
 * Evaluate a correlation over a stream of events: find the events each
 * referenced rule (or chained correlation) matches, group them by the
 * group-by values (through aliases), and slide a window of `timespan` over
 * each group (see `slideWindow` in correlation-window.ts for what each type
 * computes). A chained correlation contributes one occurrence per group it
 * fires, at the time of its latest event, with its group-by values as fields.
 * Occurrences whose group-by fields are missing are left out.
 */
export function evaluateCorrelation(
  correlation: SigmaCorrelation,
  lookup: ReadonlyMap<string, SigmaDocument>,
  events: readonly unknown[],
  options: CorrelationOptions = {},
): CorrelationResult {
  const problems: { index: number; message: string }[] = []
  const times = events.map((event) => timestampOf(event, options.timestampField))
  const fired = run(correlation, lookup, events, times, options, problems, new Set())
  return { fired, problems }
}

function run(
  correlation: SigmaCorrelation,
  lookup: ReadonlyMap<string, SigmaDocument>,
  events: readonly unknown[],
  times: readonly (number | undefined)[],
  options: CorrelationOptions,
  problems: { index: number; message: string }[],
  active: Set<SigmaCorrelation>,
): FiredGroup[] {
  if (active.has(correlation)) return []
  active.add(correlation)
  const occurrences: Occurrence[] = []
  for (const reference of correlation.rules) {
    const rule = lookup.get(reference)
    if (!rule || rule.type === 'filter') continue
    if (rule.type === 'rule') {
      events.forEach((event, index) => {
        if (!matches(rule.expression, event, options)) return
        const time = times[index]
        if (time === undefined) {
          problems.push({ index, message: `Event ${index + 1} matches \`${reference}\` but has no readable timestamp` })
          return
        }
        occurrences.push({
          time,
          rule,
          reference,
          events: [index],
          field: (name) => first(fieldValues(event, name)),
          number: (name) => fieldValues(event, name).map(numericValue).find((n) => n !== undefined),
        })
      })
    } else {
      for (const group of run(rule, lookup, events, times, options, problems, active)) {
        const time = group.events.reduce((latest, i) => Math.max(latest, times[i] ?? 0), 0)
        occurrences.push({ time, rule, reference, events: group.events, field: (name) => group.group[name], number: () => group.value })
      }
    }
  }
  active.delete(correlation)

  // An event that two referenced rules match is one event: the counting types (event_count,
  // value_count, value_*) count it once per group, as a SIEM counts the documents it found. The
  // temporal types keep one occurrence per rule: the spec's temporal condition counts the
  // "different event types (Sigma rules matching)", and an event of two types shows both;
  // temporal_ordered then needs a distinct event for each step (see orderedChain).
  const once = correlation.correlationType !== 'temporal' && correlation.correlationType !== 'temporal_ordered'
  const groups = new Map<string, { key: Record<string, string>; items: Occurrence[]; seen: Set<number> }>()
  for (const occurrence of occurrences) {
    const key: Record<string, string> = {}
    let complete = true
    for (const name of correlation.groupBy) {
      const alias = correlation.aliases[name]
      const field = alias ? (alias[occurrence.reference] ?? alias[occurrence.rule.name ?? ''] ?? alias[occurrence.rule.id ?? '']) : name
      const value = field === undefined ? undefined : occurrence.field(field)
      if (value === undefined) complete = false
      else key[name] = value
    }
    if (!complete) continue
    const id = JSON.stringify(correlation.groupBy.map((name) => key[name]))
    const group = groups.get(id) ?? { key, items: [], seen: new Set<number>() }
    if (once && occurrence.rule.type === 'rule') {
      const event = occurrence.events[0]!
      if (group.seen.has(event)) continue
      group.seen.add(event)
    }
    group.items.push(occurrence)
    groups.set(id, group)
  }

  const fired: FiredGroup[] = []
  for (const { key, items } of groups.values()) {
    items.sort((a, b) => a.time - b.time)
    const result = slideWindow(correlation, items)
    if (result) fired.push({ group: key, events: [...result.events].sort((a, b) => a - b), value: result.value })
  }
  return fired
}

function first(values: unknown[]): string | undefined {
  for (const value of values) {
    const text = scalarText(value)
    if (text !== undefined) return text
  }
  return undefined
}

/** Milliseconds since the epoch from an ISO string or an epoch number (seconds below 1e11). */
export function timestampOf(event: unknown, field?: string): number | undefined {
  const names = field ? [field] : ['@timestamp', 'timestamp']
  for (const name of names) {
    const value = fieldValues(event, name)[0]
    if (typeof value === 'number') return Math.abs(value) < 1e11 ? value * 1000 : value
    if (typeof value === 'string') {
      const time = Date.parse(value)
      if (!Number.isNaN(time)) return time
    }
  }
  return undefined
}
