import { compareAll } from './correlation'
import type { SigmaCorrelation, SigmaDocument } from './rule'

/** What a referenced rule contributes to a correlation: an event, or a firing of a chained correlation. */
export interface Occurrence {
  readonly time: number
  readonly rule: SigmaDocument
  /** The id or name by which the correlation refers to the rule. */
  readonly reference: string
  readonly events: readonly number[]
  readonly field: (name: string) => string | undefined
  readonly number: (name: string) => number | undefined
}

/**
 * Slide a window of `timespan` over one group's occurrences (sorted by time),
 * keeping each type's aggregate up to date as occurrences enter and leave, so
 * a group of n occurrences costs O(n) (temporal_ordered: O(n) per occurrence
 * of its last rule). Returns the value at the first firing and the events of
 * every window that fired, or undefined if none did.
 *
 * - event_count: occurrences in the window;
 * - value_count: distinct values of `condition.field` (several fields, comma-separated, as a tuple);
 * - temporal: distinct referenced rules (default condition: all of them);
 * - temporal_ordered: the rules in the listed order, ending at an occurrence of the last one;
 * - value_sum / value_avg: sum / mean of the numeric `condition.field`;
 * - value_percentile: the share, in percent, of the window's occurrences that have the
 *   newest occurrence's value of `condition.field` (fires on rare values with `lte`).
 */
export function slideWindow(correlation: SigmaCorrelation, items: readonly Occurrence[]): { value: number; events: Set<number> } | undefined {
  const span = correlation.timespan.seconds * 1000
  const condition = correlation.condition
  const fields = condition?.field?.split(',').map((f) => f.trim()) ?? []
  const keyOf = (o: Occurrence): string | undefined => {
    const values = fields.map((f) => o.field(f))
    return values.some((v) => v === undefined) ? undefined : JSON.stringify(values)
  }
  const numberOf = (o: Occurrence) => o.number(fields[0] ?? '')
  const holds = (value: number) => condition === undefined || compareAll(value, condition.comparisons)

  const counts = new Map<string, number>() // value keys (value_count, value_percentile) or references (temporal)
  const bump = (key: string | undefined, by: number) => {
    if (key === undefined) return
    const next = (counts.get(key) ?? 0) + by
    if (next) counts.set(key, next)
    else counts.delete(key)
  }
  const type = correlation.correlationType
  const counted =
    type === 'temporal' ? (o: Occurrence) => o.reference : type === 'value_count' || type === 'value_percentile' ? keyOf : undefined
  const summed = type === 'value_sum' || type === 'value_avg'
  let sum = 0
  let numbers = 0
  const enter = (o: Occurrence, sign: 1 | -1) => {
    if (counted) bump(counted(o), sign)
    const n = summed ? numberOf(o) : undefined
    if (n !== undefined) {
      sum += sign * n
      numbers += sign
    }
  }

  const events = new Set<number>()
  let first: number | undefined
  let start = 0
  let marked = 0 // occurrences before this index are already in `events` (for whole-window marking)
  for (let end = 0; end < items.length; end++) {
    const newest = items[end]!
    enter(newest, 1)
    while (newest.time - items[start]!.time > span) enter(items[start++]!, -1)
    const size = end - start + 1
    let value: number | undefined
    let marks: readonly Occurrence[] | 'window' = 'window'
    switch (type) {
      case 'event_count':
        value = size
        break
      case 'value_count':
        value = counts.size
        break
      case 'temporal':
        value = counts.size
        if (condition === undefined && value !== correlation.rules.length) value = undefined
        break
      case 'temporal_ordered': {
        const chain = orderedChain(correlation.rules, items, start, end)
        if (chain) [value, marks] = [chain.length, chain]
        break
      }
      case 'value_sum':
      case 'value_avg':
        if (numbers > 0) value = type === 'value_sum' ? sum : sum / numbers
        break
      case 'value_percentile': {
        const key = keyOf(newest)
        if (key !== undefined) {
          value = (100 * counts.get(key)!) / size
          marks = items.slice(start, end + 1).filter((o) => keyOf(o) === key)
        }
        break
      }
    }
    if (value === undefined || !holds(value)) continue
    first ??= value
    if (marks === 'window') {
      for (let i = Math.max(start, marked); i <= end; i++) {
        const o = items[i]!
        if (type !== 'value_count' || keyOf(o) !== undefined) for (const e of o.events) events.add(e)
      }
      marked = end + 1
    } else for (const o of marks) for (const e of o.events) events.add(e)
  }
  return first === undefined ? undefined : { value: first, events }
}

/**
 * The latest chain of the listed rules, in order, ending at `items[end]`, within items[start..end].
 * Each step is a different event: one event that two rules match is not "followed" by itself
 * (an EQL sequence, too, needs a strictly later event for each step). Steps are taken latest
 * first; an earlier candidate is tried only when a step failed because an event was already
 * used, since otherwise an earlier candidate leaves the steps before it fewer choices.
 */
function orderedChain(rules: readonly string[], items: readonly Occurrence[], start: number, end: number): Occurrence[] | undefined {
  if (items[end]!.reference !== rules[rules.length - 1]) return undefined
  const used = new Set(items[end]!.events)
  const search = (step: number, below: number): { chain?: Occurrence[]; conflicted: boolean } => {
    if (step < 0) return { chain: [], conflicted: false }
    let conflicted = false
    for (let i = below - 1; i >= start; i--) {
      const item = items[i]!
      if (item.reference !== rules[step]) continue
      if (item.events.some((e) => used.has(e))) {
        conflicted = true
        continue
      }
      for (const e of item.events) used.add(e)
      const rest = search(step - 1, i)
      for (const e of item.events) used.delete(e)
      if (rest.chain) return { chain: [...rest.chain, item], conflicted }
      if (!rest.conflicted) return { conflicted }
      conflicted = true
    }
    return { conflicted }
  }
  const found = search(rules.length - 2, end).chain
  return found ? [...found, items[end]!] : undefined
}
