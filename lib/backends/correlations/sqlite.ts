import { atLeast, COMPARE_SYMBOL, comparisons, FIXED_BUCKETS, needsAllRules, sameGroupFields, type CorrelationContext } from './context'

/** The column holding each event's time (ISO 8601 text or anything `julianday()` reads). */
export const SQLITE_TIME_COLUMN = 'timestamp'
/** Whole milliseconds: julianday() × 86,400,000, rounded, so that spans compare exactly (no float residue). */
const MILLIS = `CAST(round(julianday(${ident(SQLITE_TIME_COLUMN)}) * 86400000.0) AS INTEGER)`

/**
 * Correlations in SQLite, over the events table with a `timestamp` column:
 *
 * - value_count "at least N": exact, a self-join in which each event anchors
 *   the window `[t, t + span]` and `COUNT(DISTINCT …)` counts its values;
 * - event_count "at least N": exact, a window function
 *   `COUNT(*) OVER (PARTITION BY <group-by> ORDER BY <milliseconds> RANGE BETWEEN <span> PRECEDING AND CURRENT ROW)`;
 * - temporal and temporal_ordered: exact, one CTE per rule joined on the
 *   group-by keys with the times within the span (in order for ordered);
 * - other conditions, value_sum, value_avg: `GROUP BY` the keys
 *   and a fixed time bucket `HAVING …`, with the fixed-bucket warning;
 * - value_percentile: exact as the reference evaluator defines it (the share, in
 *   percent, of the events in the window ending at an event that have its value),
 *   with a self-join; simultaneous events all count in each other's window.
 */
export function sqliteCorrelation(ctx: CorrelationContext): string {
  const { correlation, parts } = ctx
  const span = correlation.timespan.seconds * 1000
  if (!sameGroupFields(ctx)) return ctx.unsupported('correlation-alias', 'a SQLite correlation over rules with different group-by columns is not converted')
  const table = ident(parts[0]!.dataSource.table ?? 'logs')
  if (parts.some((p) => ident(p.dataSource.table ?? 'logs') !== table)) return ctx.unsupported('correlation-tables', 'the rules read different tables')
  const keys = parts[0]!.groupBy.map(ident)
  const present = keys.map((k) => `${k} IS NOT NULL`)
  const conditions = parts.map((p) => p.bare().query)
  const where = [conditions.length === 1 ? conditions[0]! : `(${conditions.map((c) => `(${c})`).join(' OR ')})`, ...present].join(' AND ')
  const test = (name: string) => comparisons(ctx).map((c) => `${name} ${COMPARE_SYMBOL[c.op].replace('==', '=')} ${c.value}`).join(' AND ')

  if (correlation.correlationType === 'temporal' || correlation.correlationType === 'temporal_ordered') {
    if (!needsAllRules(ctx)) return ctx.unsupported('correlation-condition', 'a SQL window join finds all of the rules; a condition on fewer of them is not converted')
    const ctes = conditions.map((c, i) => `r${i} AS (SELECT ${[...keys, `${MILLIS} AS t`].join(', ')} FROM ${table} WHERE ${[c, ...present].join(' AND ')})`)
    const joins = parts.slice(1).map((_, j) => {
      const i = j + 1
      const on = [...keys.map((k) => `r${i}.${k} = r0.${k}`)]
      if (correlation.correlationType === 'temporal_ordered') on.push(`r${i}.t >= r${i - 1}.t`, `r${i}.t <= r0.t + ${span}`)
      else on.push(`abs(r${i}.t - r0.t) <= ${span}`, ...Array.from({ length: i - 1 }, (_, k) => `abs(r${i}.t - r${k + 1}.t) <= ${span}`))
      return `JOIN r${i} ON ${on.join(' AND ')}`
    })
    const times = parts.map((_, i) => `r${i}.t`)
    const select = [...keys.map((k) => `r0.${k}`), `min(${times.length > 1 ? `min(${times.join(', ')})` : times[0]}) AS first_millis`]
    return `WITH ${ctes.join(', ')}\nSELECT ${select.join(', ')} FROM r0 ${joins.join(' ')}${keys.length > 0 ? ` GROUP BY ${keys.map((k) => `r0.${k}`).join(', ')}` : ''}`
  }

  const valueColumn = () => ident(parts[0]!.valueField ?? ctx.unsupported('correlation-condition', 'the condition names no field'))
  if (correlation.correlationType === 'event_count' && atLeast(ctx) !== undefined) {
    const partition = keys.length > 0 ? `PARTITION BY ${keys.join(', ')} ` : ''
    return `SELECT * FROM (SELECT *, COUNT(*) OVER (${partition}ORDER BY ${MILLIS} RANGE BETWEEN ${span} PRECEDING AND CURRENT ROW) AS sigma_count FROM ${table} WHERE ${where}) WHERE ${test('sigma_count')}`
  }
  if (correlation.correlationType === 'value_percentile') {
    // Each event with a value ends a window [t - span, t]; the share (%) of that window's events
    // with the same value is compared (the reference evaluator's meaning). Simultaneous events all count.
    const on = [...keys.map((k) => `b.${k} = a.${k}`), `b.t BETWEEN a.t - ${span} AND a.t`]
    return (
      `WITH e AS (SELECT ${['ROW_NUMBER() OVER () AS rid', ...keys, `${MILLIS} AS t`, `${valueColumn()} AS v`].join(', ')} FROM ${table} WHERE ${where})\n` +
      `SELECT ${[...keys.map((k) => `a.${k}`), 'min(a.t) AS first_millis', 'min(sigma_value) AS sigma_value'].join(', ')} FROM ` +
      `(SELECT ${[...keys.map((k) => `a.${k}`), 'a.t', '100.0 * SUM(CASE WHEN CAST(b.v AS TEXT) = CAST(a.v AS TEXT) THEN 1 ELSE 0 END) / COUNT(*) AS sigma_value'].join(', ')} ` +
      `FROM e a JOIN e b ON ${on.join(' AND ')} WHERE a.v IS NOT NULL GROUP BY a.rid) a ` +
      `WHERE ${test('sigma_value')}${keys.length > 0 ? ` GROUP BY ${keys.map((k) => `a.${k}`).join(', ')}` : ''}`
    )
  }
  if (correlation.correlationType === 'value_count' && atLeast(ctx) !== undefined) {
    // Exact sliding window: each event anchors [t, t + span]; distinct values of the events in it.
    const on = [...keys.map((k) => `b.${k} = a.${k}`), 'b.t BETWEEN a.t AND a.t + ' + span]
    return (
      `WITH e AS (SELECT ${['ROW_NUMBER() OVER () AS rid', ...keys, `${MILLIS} AS t`, `${valueColumn()} AS v`].join(', ')} FROM ${table} WHERE ${where})\n` +
      `SELECT ${[...keys.map((k) => `a.${k}`), 'min(a.t) AS first_millis', 'max(sigma_value) AS sigma_value'].join(', ')} FROM ` +
      `(SELECT ${[...keys.map((k) => `a.${k}`), 'a.t', 'COUNT(DISTINCT b.v) AS sigma_value'].join(', ')} FROM e a JOIN e b ON ${on.join(' AND ')} GROUP BY a.rid) a ` +
      `WHERE ${test('sigma_value')}${keys.length > 0 ? ` GROUP BY ${keys.map((k) => `a.${k}`).join(', ')}` : ''}`
    )
  }
  const aggregate = {
    event_count: 'COUNT(*)',
    value_count: () => `COUNT(DISTINCT ${valueColumn()})`,
    value_sum: () => `SUM(${valueColumn()})`,
    value_avg: () => `AVG(${valueColumn()})`,
  }[correlation.correlationType as 'event_count' | 'value_count' | 'value_sum' | 'value_avg']
  if (!aggregate) return ctx.unsupported('correlation-percentile', "Sigma's value_percentile (the share of a value in the window) has no SQL aggregate here")
  ctx.warn(FIXED_BUCKETS(correlation.timespan.text))
  const bucket = `(${MILLIS} / ${span})`
  const expression = typeof aggregate === 'string' ? aggregate : aggregate()
  return `SELECT ${[...keys, `${bucket} AS sigma_bucket`, `${expression} AS sigma_value`].join(', ')} FROM ${table} WHERE ${where} GROUP BY ${[...keys, 'sigma_bucket'].join(', ')} HAVING ${test('sigma_value')}`
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
