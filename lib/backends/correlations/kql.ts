import { timeColumn } from '../targets/kql-schema'
import { kqlColumn, kqlName, kqlNumber, kqlPresent } from '../targets/kql'
import { atLeast, COMPARE_SYMBOL, comparisons, FIXED_BUCKETS, needsAllRules, type CorrelationContext, type CorrelationPart } from './context'

/**
 * Correlations in KQL.
 *
 * - temporal_ordered and temporal: exact, with window joins — one `let` per
 *   rule projecting the group-by keys and its time, `join kind=inner` on
 *   the keys, then the times in order (`between (t0 .. t0 + span)`) or all
 *   within the span (`max_of(…) - min_of(…) <= span`);
 * - event_count and value_count "at least N": exact, a self-join of the
 *   rules' events on the keys, each event anchoring the window
 *   `[t, t + span]`, counted (`count()`, `count_distinct()`);
 * - other conditions, value_sum, value_avg: `summarize … by <keys>,
 *   bin(time, span)` over a `union` of the rules, with the fixed-bucket warning;
 * - value_percentile: exact as the reference evaluator defines it (the share,
 *   in percent, of the window's events that have the value of the event
 *   ending it), with a self-join.
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
  const extra = (part: CorrelationPart): string[] => {
    switch (correlation.correlationType) {
      case 'value_count':
        return [`SigmaValue = ${kqlColumn(value(part), part.dataSource.kqlTable)}`]
      case 'value_sum':
      case 'value_avg':
        return [`SigmaValue = ${kqlNumber(value(part), part.dataSource.kqlTable)}`]
      default:
        return []
    }
  }
  if (correlation.correlationType === 'value_percentile') {
    // Each event with a value ends a window [t - span, t]; the share (%) of that window's events
    // with the same value is compared (the reference evaluator's meaning).
    const legs = parts.map((part) => `${table(part)}\n| extend ${[...keyColumns(part), `SigmaTime = ${time(part)}`, `SigmaValue = ${kqlColumn(value(part), part.dataSource.kqlTable)}`].join(', ')}`)
    return [
      `let SigmaEvents = ${legs.length === 1 ? legs[0]! : `union\n${legs.map((leg) => `(${leg})`).join(',\n')}`}`,
      '| serialize SigmaRow = row_number();',
      'SigmaEvents',
      '| where isnotempty(SigmaValue)',
      `| join kind=inner (SigmaEvents | project ${[...keys, 'SigmaOtherTime = SigmaTime', 'SigmaOtherValue = SigmaValue'].join(', ')}) on ${keys.join(', ')}`,
      `| where SigmaOtherTime between ((SigmaTime - ${span}) .. SigmaTime)`,
      `| summarize SigmaShare = 100.0 * countif(SigmaOtherValue == SigmaValue) / count(), SigmaTime = min(SigmaTime) by ${keys.join(', ')}, SigmaRow`,
      `| where ${comparisons(ctx).map((c) => `SigmaShare ${COMPARE_SYMBOL[c.op]} ${c.value}`).join(' and ')}`,
      `| summarize SigmaFirstTime = min(SigmaTime), SigmaShare = min(SigmaShare) by ${keys.join(', ')}`,
    ].join('\n')
  }
  const aggregate = {
    event_count: 'SigmaCount = count()',
    value_count: 'SigmaCount = count_distinct(SigmaValue)',
    value_sum: 'SigmaValue = sum(SigmaValue)',
    value_avg: 'SigmaValue = avg(SigmaValue)',
  }[correlation.correlationType as 'event_count']
  if (!aggregate) return ctx.unsupported('correlation-percentile', "Sigma's value_percentile (the share of a value in the window) has no KQL aggregate")
  const legs = parts.map((part) => `${table(part)}\n| extend ${[...keyColumns(part), `SigmaTime = ${time(part)}`, ...extra(part)].join(', ')}`)
  const source = legs.length === 1 ? legs[0]! : `union\n${legs.map((leg) => `(${leg})`).join(',\n')}`
  const result = aggregate.split(' = ')[0]!
  if ((correlation.correlationType === 'event_count' || correlation.correlationType === 'value_count') && atLeast(ctx) !== undefined) {
    // Exact sliding window: each event anchors the window [its time, its time + span]; a group fires
    // when some anchor's window holds enough events (or values).
    const counted = correlation.correlationType === 'event_count' ? 'count()' : 'count_distinct(SigmaOtherValue)'
    return [
      `let SigmaEvents = ${source}`,
      '| serialize SigmaRow = row_number();',
      'SigmaEvents',
      `| join kind=inner (SigmaEvents | project ${[...keys, 'SigmaOtherTime = SigmaTime', ...(correlation.correlationType === 'value_count' ? ['SigmaOtherValue = SigmaValue'] : [])].join(', ')}) on ${keys.join(', ')}`,
      `| where SigmaOtherTime between (SigmaTime .. SigmaTime + ${span})${correlation.correlationType === 'value_count' ? ' and isnotempty(SigmaOtherValue)' : ''}`,
      `| summarize ${result} = ${counted}, SigmaTime = min(SigmaTime) by ${keys.join(', ')}, SigmaRow`,
      `| where ${comparisons(ctx).map((c) => `${result} ${COMPARE_SYMBOL[c.op]} ${c.value}`).join(' and ')}`,
      `| summarize SigmaFirstTime = min(SigmaTime), ${result} = max(${result}) by ${keys.join(', ')}`,
    ].join('\n')
  }
  ctx.warn(FIXED_BUCKETS(span))
  return [
    source,
    `| summarize ${aggregate} by ${keys.join(', ')}, SigmaWindow = bin(SigmaTime, ${span})`,
    `| where ${comparisons(ctx).map((c) => `${result} ${COMPARE_SYMBOL[c.op]} ${c.value}`).join(' and ')}`,
  ].join('\n')
}
