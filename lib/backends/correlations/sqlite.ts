import { COMPARE_SYMBOL, comparisons, needsAllRules, sameGroupFields, type CorrelationContext } from './context'

/** The column holding each event's time (ISO 8601 text or anything `julianday()` reads). */
export const SQLITE_TIME_COLUMN = 'timestamp'
/** Whole milliseconds: julianday() × 86,400,000, rounded, so that spans compare exactly (no float residue). */
const MILLIS = `CAST(round(julianday(${ident(SQLITE_TIME_COLUMN)}) * 86400000.0) AS INTEGER)`

/**
 * Correlations in SQLite, over the events table with a `timestamp` column,
 * all with the reference evaluator's meaning: a window of `timespan` ending
 * at each event of a group.
 *
 * - event_count: `COUNT(*) OVER (PARTITION BY <group-by> ORDER BY <ms> RANGE BETWEEN <span> PRECEDING AND CURRENT ROW)`;
 * - value_count, value_sum, value_avg, value_percentile: a self-join in which
 *   each event ends the window `[t - span, t]`, with `COUNT(DISTINCT …)`,
 *   `SUM`/`AVG` of the numeric values, or the share (%) of the window's events
 *   that have the value of the event ending it;
 * - temporal and temporal_ordered: one CTE per rule joined on the group-by
 *   keys with the times within the span (in order for ordered).
 *
 * Events at the same millisecond all fall in each other's windows (the
 * evaluator orders simultaneous events by the stream).
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
    // temporal_ordered: each step is another row (rowid), as an event is not "followed" by itself; temporal lets
    // one row that two rules match stand for both (the spec counts the rule types seen).
    const ordered = correlation.correlationType === 'temporal_ordered'
    const ctes = conditions.map((c, i) => `r${i} AS (SELECT ${[...keys, `${MILLIS} AS t`, ...(ordered ? ['rowid AS rid'] : [])].join(', ')} FROM ${table} WHERE ${[c, ...present].join(' AND ')})`)
    const joins = parts.slice(1).map((_, j) => {
      const i = j + 1
      const on = [...keys.map((k) => `r${i}.${k} = r0.${k}`)]
      if (ordered) on.push(`r${i}.t >= r${i - 1}.t`, `r${i}.t <= r0.t + ${span}`, ...Array.from({ length: i }, (_, k) => `r${i}.rid <> r${k}.rid`))
      else on.push(`abs(r${i}.t - r0.t) <= ${span}`, ...Array.from({ length: i - 1 }, (_, k) => `abs(r${i}.t - r${k + 1}.t) <= ${span}`))
      return `JOIN r${i} ON ${on.join(' AND ')}`
    })
    const times = parts.map((_, i) => `r${i}.t`)
    const select = [...keys.map((k) => `r0.${k}`), `min(${times.length > 1 ? `min(${times.join(', ')})` : times[0]}) AS first_millis`]
    return `WITH ${ctes.join(', ')}\nSELECT ${select.join(', ')} FROM r0 ${joins.join(' ')}${keys.length > 0 ? ` GROUP BY ${keys.map((k) => `r0.${k}`).join(', ')}` : ''}`
  }

  const valueColumn = () => ident(parts[0]!.valueField ?? ctx.unsupported('correlation-condition', 'the condition names no field'))
  if (correlation.correlationType === 'event_count') {
    const partition = keys.length > 0 ? `PARTITION BY ${keys.join(', ')} ` : ''
    return `SELECT * FROM (SELECT *, COUNT(*) OVER (${partition}ORDER BY ${MILLIS} RANGE BETWEEN ${span} PRECEDING AND CURRENT ROW) AS sigma_value FROM ${table} WHERE ${where}) WHERE ${test('sigma_value')}`
  }
  // The other types: each event ends a window [t - span, t] (a self-join), aggregated over the window's events.
  const aggregate = {
    value_count: { over: 'COUNT(DISTINCT b.v)', anchor: '' },
    value_sum: { over: `SUM(${NUMBER('b.v')})`, anchor: '' },
    value_avg: { over: `AVG(${NUMBER('b.v')})`, anchor: '' },
    value_percentile: { over: '100.0 * SUM(CASE WHEN CAST(b.v AS TEXT) = CAST(a.v AS TEXT) THEN 1 ELSE 0 END) / COUNT(*)', anchor: ' WHERE a.v IS NOT NULL' },
  }[correlation.correlationType as 'value_count']
  const on = [...keys.map((k) => `b.${k} = a.${k}`), `b.t BETWEEN a.t - ${span} AND a.t`]
  return (
    `WITH e AS (SELECT ${['ROW_NUMBER() OVER () AS rid', ...keys, `${MILLIS} AS t`, `${valueColumn()} AS v`].join(', ')} FROM ${table} WHERE ${where})\n` +
    `SELECT ${[...keys.map((k) => `a.${k}`), 'min(a.t) AS first_millis'].join(', ')} FROM ` +
    `(SELECT ${[...keys.map((k) => `a.${k}`), 'a.t', `${aggregate.over} AS sigma_value`].join(', ')} FROM e a JOIN e b ON ${on.join(' AND ')}${aggregate.anchor} GROUP BY a.rid) a ` +
    `WHERE ${test('sigma_value')}${keys.length > 0 ? ` GROUP BY ${keys.map((k) => `a.${k}`).join(', ')}` : ''}`
  )
}

/** A column as a number when it holds one (a number, or text that reads as one), else NULL. */
const NUMBER = (v: string) =>
  `CASE WHEN typeof(${v}) IN ('integer', 'real') THEN ${v} WHEN typeof(${v}) = 'text' AND trim(${v}) REGEXP '^[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?$' THEN CAST(trim(${v}) AS REAL) END`

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
