import { timeColumn } from '../targets/kql-schema'
import { kqlColumn, kqlName, kqlNumber, kqlPresent } from '../targets/kql'
import { COMPARE_SYMBOL, comparisons, needsAllRules, type CorrelationContext, type CorrelationPart } from './context'

/**
 * Correlations in KQL, all with the reference evaluator's meaning (a window of
 * `timespan` ending at each event of a group):
 *
 * - temporal_ordered and temporal: window joins — one `let` per rule
 *   projecting the group-by keys and its time, `join kind=inner` on the keys,
 *   then the times in order (`between (t0 .. t0 + span)`) or all within the
 *   span (`max_of(…) - min_of(…) <= span`);
 * - event_count, value_count, value_sum, value_avg, value_percentile: a
 *   self-join of the rules' events on the keys in which each event ends the
 *   window `[t - span, t]`, then `count()`, `count_distinctif()`, `sum()`,
 *   `avg()` (numbers only) or the share (%) of the window's events with the
 *   value of the event ending it.
 *
 * Events with the same time all fall in each other's windows.
 */
export function kqlCorrelation(ctx: CorrelationContext): string {
  const { correlation, parts } = ctx
  const span = correlation.timespan.text
  const keys = ctx.groupNames.length > 0 ? ctx.groupNames.map(kqlName) : ['SigmaKey']
  const keyColumns = (part: CorrelationPart) =>
    ctx.groupNames.length > 0 ? part.groupBy.map((field, i) => `${keys[i]} = ${kqlColumn(field, part.dataSource.kqlTable)}`) : ['SigmaKey = 1']
  // Events without a group-by value belong to no group; tested on the mapped columns, before renaming.
  const table = (part: CorrelationPart) =>
    part.full().query + (part.groupBy.length > 0 ? `\n| where ${part.groupBy.map((f) => kqlPresent(f, part.dataSource.kqlTable)).join(' and ')}` : '')
  const time = (part: CorrelationPart) => timeColumn(part.dataSource.kqlTable ?? '')

  if (correlation.correlationType === 'temporal' || correlation.correlationType === 'temporal_ordered') {
    if (!needsAllRules(ctx)) return ctx.unsupported('correlation-condition', 'a KQL window join finds all of the rules; a condition on fewer of them is not converted')
    const lets = parts.map((part, i) => `let SigmaRule${i} = ${table(part)}\n| project ${[...keyColumns(part), `SigmaTime${i} = ${time(part)}`].join(', ')};`)
    const lines = [...lets, 'SigmaRule0']
    const times = parts.map((_, i) => `SigmaTime${i}`)
    for (let i = 1; i < parts.length; i++) {
      lines.push(`| join kind=inner SigmaRule${i} on ${keys.join(', ')}`)
      if (correlation.correlationType === 'temporal_ordered') lines.push(`| where SigmaTime${i} between (SigmaTime${i - 1} .. SigmaTime0 + ${span})`)
    }
    if (correlation.correlationType === 'temporal' && parts.length > 1) lines.push(`| where max_of(${times.join(', ')}) - min_of(${times.join(', ')}) <= ${span}`)
    lines.push(`| summarize SigmaFirstTime = min(min_of(${times.join(', ')})), SigmaLastTime = max(max_of(${times.join(', ')})) by ${keys.join(', ')}`)
    return lines.join('\n')
  }

  const value = (part: CorrelationPart) => part.valueField ?? ctx.unsupported('correlation-condition', 'the condition names no field')
  const type = correlation.correlationType
  const valueColumn = (part: CorrelationPart): string[] =>
    type === 'event_count' ? [] : [`SigmaValue = ${(type === 'value_sum' || type === 'value_avg' ? kqlNumber : kqlColumn)(value(part), part.dataSource.kqlTable)}`]
  // Each event ends a window [t - span, t] (a self-join on the keys), aggregated over the window's events.
  const aggregate = {
    event_count: { result: 'SigmaCount', over: 'count()', anchor: [] },
    value_count: { result: 'SigmaCount', over: 'count_distinctif(SigmaOtherValue, isnotempty(SigmaOtherValue))', anchor: [] },
    value_sum: { result: 'SigmaValue', over: 'sum(SigmaOtherValue), SigmaNumbers = countif(isnotnull(SigmaOtherValue))', anchor: [] },
    value_avg: { result: 'SigmaValue', over: 'avg(SigmaOtherValue), SigmaNumbers = countif(isnotnull(SigmaOtherValue))', anchor: [] },
    value_percentile: { result: 'SigmaShare', over: '100.0 * countif(SigmaOtherValue == SigmaValue) / count()', anchor: ['| where isnotempty(SigmaValue)'] },
  }[type as 'event_count']
  const legs = parts.map((part) => `${table(part)}\n| extend ${[...keyColumns(part), `SigmaTime = ${time(part)}`, ...valueColumn(part)].join(', ')}`)
  const numbers = type === 'value_sum' || type === 'value_avg' ? ['SigmaNumbers > 0'] : []
  return [
    `let SigmaEvents = ${legs.length === 1 ? legs[0]! : `union\n${legs.map((leg) => `(${leg})`).join(',\n')}`}`,
    // An event that two rules match comes out of the union twice with the same columns: it counts once.
    ...(legs.length > 1 ? ['| summarize arg_min(SigmaTime, *) by SigmaEvent = hash_sha256(tostring(pack_all()))'] : []),
    '| serialize SigmaRow = row_number();',
    'SigmaEvents',
    ...aggregate.anchor,
    `| join kind=inner (SigmaEvents | project ${[...keys, 'SigmaOtherTime = SigmaTime', ...(type === 'event_count' ? [] : ['SigmaOtherValue = SigmaValue'])].join(', ')}) on ${keys.join(', ')}`,
    `| where SigmaOtherTime between ((SigmaTime - ${span}) .. SigmaTime)`,
    `| summarize ${aggregate.result} = ${aggregate.over}, SigmaTime = min(SigmaTime) by ${keys.join(', ')}, SigmaRow`,
    `| where ${[...numbers, ...comparisons(ctx).map((c) => `${aggregate.result} ${COMPARE_SYMBOL[c.op]} ${c.value}`)].join(' and ')}`,
    `| summarize SigmaFirstTime = min(SigmaTime) by ${keys.join(', ')}`,
  ].join('\n')
}
