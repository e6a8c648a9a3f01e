import { fromClause } from '../targets/esql'
import { elasticField } from '../targets/elastic-syntax'
import { COMPARE_SYMBOL, comparisons, FIXED_BUCKETS, needsAllRules, sameGroupFields, type CorrelationContext } from './context'

const UNITS = [
  [86_400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
] as const

/** `90s` → `90 seconds`, `1h` → `1 hour`: an ES|QL time-span literal. */
export function esqlSpan(seconds: number): string {
  const [size, unit] = UNITS.find(([s]) => seconds % s === 0)!
  const n = seconds / size
  return `${n} ${unit}${n === 1 ? '' : 's'}`
}

/**
 * Correlations in ES|QL: the rules' conditions ORed under one `FROM`, then
 * `STATS … BY <group-by>, DATE_TRUNC(<timespan>, @timestamp)` and a `WHERE`
 * on the aggregate. Fixed time buckets are weaker than Sigma's sliding
 * window, so every conversion carries that warning.
 *
 * - event_count `COUNT(*)`; value_count `COUNT_DISTINCT` (approximate above
 *   its 3,000-value precision threshold: warned); value_sum `SUM`; value_avg `AVG`;
 * - temporal: one `MAX(CASE(<rule>, 1, 0))` flag per rule, summed;
 * - temporal_ordered (two rules): the earliest time of the first rule is not
 *   after the latest time of the second, in the bucket;
 * - value_percentile (a rarity share in Sigma's reference evaluator) has no
 *   aggregate here: unsupported.
 */
export function esqlCorrelation(ctx: CorrelationContext): string {
  const { correlation, parts } = ctx
  if (!sameGroupFields(ctx)) return ctx.unsupported('correlation-alias', 'an ES|QL correlation over rules with different group-by fields is not converted')
  const indices = [...new Set(parts.flatMap((p) => p.dataSource.index ?? []))]
  const conditions = parts.map((p) => p.bare().query)
  // Events without a group-by value belong to no group (as in the reference evaluator).
  const present = parts[0]!.groupBy.map((f) => `${elasticField(f)} IS NOT NULL`)
  const where = [conditions.length === 1 ? conditions[0]! : `(${conditions.map((c) => `(${c})`).join(' OR ')})`, ...present].join(' AND ')
  const by = [...parts[0]!.groupBy.map(elasticField), 'Esql.bucket']
  const valueField = () => elasticField(parts[0]!.valueField ?? ctx.unsupported('correlation-condition', 'the condition names no field'))
  const test = (name: string) => comparisons(ctx).map((c) => `${name} ${COMPARE_SYMBOL[c.op]} ${c.value}`).join(' AND ')
  let stats: string
  let filter: string
  switch (correlation.correlationType) {
    case 'event_count':
      stats = 'Esql.event_count = COUNT(*)'
      filter = test('Esql.event_count')
      break
    case 'value_count':
      if (parts.some((p) => p.valueField !== parts[0]!.valueField)) return ctx.unsupported('correlation-alias', 'the value field differs between the rules')
      ctx.warn('COUNT_DISTINCT is approximate above 3,000 distinct values')
      stats = `Esql.value_count = COUNT_DISTINCT(${valueField()})`
      filter = test('Esql.value_count')
      break
    case 'value_sum':
    case 'value_avg': {
      const fn = correlation.correlationType === 'value_sum' ? 'SUM' : 'AVG'
      stats = `Esql.value = ${fn}(${valueField()})`
      filter = test('Esql.value')
      break
    }
    case 'temporal': {
      const flags = conditions.map((c, i) => `Esql.rule_${i} = MAX(CASE(${c}, 1, 0))`)
      stats = flags.join(', ')
      filter = test(conditions.map((_, i) => `Esql.rule_${i}`).join(' + '))
      break
    }
    case 'temporal_ordered': {
      if (conditions.length !== 2 || !needsAllRules(ctx))
        return ctx.unsupported('correlation-order', 'ES|QL aggregates can check the order of two rules only (earliest of the first, latest of the second); the eql target writes longer sequences')
      stats = `Esql.first_time = MIN(CASE(${conditions[0]}, @timestamp, null)), Esql.last_time = MAX(CASE(${conditions[1]}, @timestamp, null))`
      filter = 'Esql.first_time IS NOT NULL AND Esql.last_time IS NOT NULL AND Esql.first_time <= Esql.last_time'
      break
    }
    default:
      return ctx.unsupported('correlation-percentile', "Sigma's value_percentile (the share of a value in the window) has no ES|QL aggregate")
  }
  ctx.warn(FIXED_BUCKETS(correlation.timespan.text))
  return [
    fromClause(indices, false),
    `| WHERE ${where}`,
    `| EVAL Esql.bucket = DATE_TRUNC(${esqlSpan(correlation.timespan.seconds)}, @timestamp)`,
    `| STATS ${stats} BY ${by.join(', ')}`,
    `| WHERE ${filter}`,
  ].join('\n')
}
