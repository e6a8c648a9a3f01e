import { compareAll } from './correlation'
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

/** What a referenced rule contributes: an event, or a firing of a chained correlation. */
interface Occurrence {
  readonly time: number
  readonly rule: SigmaDocument
  readonly reference: string
  readonly events: readonly number[]
  readonly field: (name: string) => string | undefined
  readonly number: (name: string) => number | undefined
}

/**
 * Evaluate a correlation over a stream of events: find the events each
 * referenced rule (or chained correlation) matches, group them by the
 * group-by values (through aliases), and slide a window of `timespan` over
 * each group. See `aggregate` for what each type computes.
 *
 * value_percentile: for each occurrence, the share (in percent) of the
 * window's occurrences that have the same value of `condition.field`; the
 * group fires when the condition holds for it (a rare value, with `lte`).
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

  const groups = new Map<string, { key: Record<string, string>; items: Occurrence[] }>()
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
    const group = groups.get(id) ?? { key, items: [] }
    group.items.push(occurrence)
    groups.set(id, group)
  }

  const fired: FiredGroup[] = []
  for (const { key, items } of groups.values()) {
    items.sort((a, b) => a.time - b.time)
    const hit = new Set<number>()
    let value: number | undefined
    let start = 0
    for (let end = 0; end < items.length; end++) {
      while (items[end]!.time - items[start]!.time > correlation.timespan.seconds * 1000) start++
      const window = items.slice(start, end + 1)
      const result = aggregate(correlation, window)
      if (result === undefined) continue
      value ??= result.value
      for (const occurrence of result.occurrences) for (const index of occurrence.events) hit.add(index)
    }
    if (value !== undefined) fired.push({ group: key, events: [...hit].sort((a, b) => a - b), value })
  }
  return fired
}

/**
 * The window's aggregate, if it satisfies the condition: the value and the occurrences that count.
 * - event_count: number of occurrences;
 * - value_count: number of distinct values of `condition.field` (several fields, comma-separated, as a tuple);
 * - temporal: number of distinct referenced rules (default condition: all of them);
 * - temporal_ordered: the referenced rules occur in the listed order (an earliest-first subsequence);
 * - value_sum / value_avg: the sum / mean of the numeric `condition.field`;
 * - value_percentile: the share of the last occurrence's value among the window's.
 */
function aggregate(correlation: SigmaCorrelation, window: readonly Occurrence[]): { value: number; occurrences: readonly Occurrence[] } | undefined {
  const condition = correlation.condition
  const check = (value: number, occurrences: readonly Occurrence[] = window) =>
    condition === undefined || compareAll(value, condition.comparisons) ? { value, occurrences } : undefined
  const fields = condition?.field?.split(',').map((f) => f.trim()) ?? []
  switch (correlation.correlationType) {
    case 'event_count':
      return check(window.length)
    case 'value_count': {
      const withValues = window.filter((o) => fields.every((f) => o.field(f) !== undefined))
      return check(new Set(withValues.map((o) => JSON.stringify(fields.map((f) => o.field(f))))).size, withValues)
    }
    case 'temporal': {
      const distinct = new Set(window.map((o) => o.reference)).size
      if (condition === undefined) return distinct === correlation.rules.length ? { value: distinct, occurrences: window } : undefined
      return check(distinct)
    }
    case 'temporal_ordered': {
      const chain: Occurrence[] = []
      for (const occurrence of window) {
        if (occurrence.reference === correlation.rules[chain.length]) chain.push(occurrence)
        if (chain.length === correlation.rules.length) break
      }
      if (chain.length < correlation.rules.length) return undefined
      return condition === undefined ? { value: chain.length, occurrences: chain } : check(chain.length, chain)
    }
    case 'value_sum':
    case 'value_avg': {
      const numbers = window.flatMap((o) => {
        const n = o.number(fields[0] ?? '')
        return n === undefined ? [] : [n]
      })
      if (numbers.length === 0) return undefined
      const sum = numbers.reduce((a, b) => a + b, 0)
      return check(correlation.correlationType === 'value_sum' ? sum : sum / numbers.length)
    }
    case 'value_percentile': {
      const last = window[window.length - 1]!
      const value = last.field(fields[0] ?? '')
      if (value === undefined) return undefined
      const same = window.filter((o) => o.field(fields[0] ?? '') === value)
      return check((100 * same.length) / window.length, same)
    }
  }
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
