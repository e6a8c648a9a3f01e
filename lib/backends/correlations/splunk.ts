import { atLeast, COMPARE_SYMBOL, comparisons, FIXED_BUCKETS, needsAllRules, sameGroupFields, type CorrelationContext, type CorrelationPart } from './context'

/**
 * Correlations in SPL. Several rules are combined with `multisearch`, each
 * leg tagged with `sigma_rule`.
 *
 * - Sliding windows, exact, with `streamstats time_window=<span> … by <group-by>`:
 *   event_count and value_count (`dc`) "at least N", and temporal (`dc(sigma_rule)`);
 * - temporal_ordered, exact: events sorted by time, then for each step the
 *   latest start of a chain of the previous steps within the window
 *   (`streamstats max(…)`), so the last step fires only when the whole chain
 *   lies in order within the span;
 * - other conditions, value_sum and value_avg: `bin _time span=<span>` and
 *   `stats`, with the fixed-bucket warning;
 * - value_percentile, exact as the reference evaluator defines it: two
 *   `streamstats` counts over the window ending at each event (all of the
 *   group, and those with the event's value).
 */
export function splunkCorrelation(ctx: CorrelationContext): string {
  const { correlation, parts } = ctx
  const span = correlation.timespan.text
  const shared = sameGroupFields(ctx)
  const keys = shared ? parts[0]!.groupBy.map(field) : ctx.groupNames.map((name) => field(`sigma_${name}`))
  const by = keys.length > 0 ? ` by ${keys.join(' ')}` : ''
  const leg = (part: CorrelationPart, i: number) => {
    const evals = [`sigma_rule="${i}"`, ...(shared ? [] : part.groupBy.map((f, k) => `${keys[k]}=${evalField(f)}`))]
    return `${part.full().query} | eval ${evals.join(', ')}`
  }
  // Events without a group-by value belong to no group (as in the reference evaluator).
  const present = keys.length > 0 ? ` | where ${keys.map((k) => `isnotnull(${evalField(k.replace(/^"|"$/g, ''))})`).join(' AND ')}` : ''
  const source = (parts.length === 1 ? leg(parts[0]!, 0) : `| multisearch ${parts.map((p, i) => `[search ${leg(p, i)}]`).join(' ')}`) + present
  const test = (name: string) => comparisons(ctx).map((c) => `${name}${COMPARE_SYMBOL[c.op]}${c.value}`).join(' AND ')
  const valueField = () => evalField(parts[0]!.valueField ?? ctx.unsupported('correlation-condition', 'the condition names no field'))
  if (parts.some((p) => p.valueField !== parts[0]!.valueField)) return ctx.unsupported('correlation-alias', 'the value field differs between the rules')

  switch (correlation.correlationType) {
    case 'event_count':
    case 'value_count': {
      const aggregate = correlation.correlationType === 'event_count' ? 'count' : `dc(${valueField()})`
      if (atLeast(ctx) !== undefined) return `${source} | streamstats time_window=${span} ${aggregate} as sigma_value${by} | where ${test('sigma_value')}`
      return bucketed(ctx, source, aggregate, by, test)
    }
    case 'value_sum':
    case 'value_avg':
      return bucketed(ctx, source, `${correlation.correlationType === 'value_sum' ? 'sum' : 'avg'}(${valueField()})`, by, test)
    case 'temporal':
      return `${source} | streamstats time_window=${span} dc(sigma_rule) as sigma_value${by} | where ${test('sigma_value')}`
    case 'temporal_ordered': {
      if (!needsAllRules(ctx)) return ctx.unsupported('correlation-condition', 'an ordered chain in SPL finds all of the rules; a condition on fewer of them is not converted')
      const steps = [`${source} | sort 0 _time | eval sigma_chain_0=if(sigma_rule="0", _time, null())`]
      for (let i = 1; i < parts.length; i++) {
        steps.push(`streamstats time_window=${span} max(sigma_chain_${i - 1}) as sigma_start_${i}${by}`)
        steps.push(`eval sigma_chain_${i}=if(sigma_rule="${i}" AND sigma_start_${i}>=_time-${correlation.timespan.seconds}, sigma_start_${i}, null())`)
      }
      steps.push(`where isnotnull(sigma_chain_${parts.length - 1})`)
      return steps.join(' | ')
    }
    case 'value_percentile': {
      // The reference evaluator's meaning: the share (%) of the window ending at an event that has its value.
      const v = valueField()
      return [
        `${source} | sort 0 _time`,
        `streamstats time_window=${span} count as sigma_total${by}`,
        `streamstats time_window=${span} count as sigma_same${by ? `${by} ${v}` : ` by ${v}`}`,
        `where isnotnull(${v})`,
        'eval sigma_value=100*sigma_same/sigma_total',
        `where ${test('sigma_value')}`,
      ].join(' | ')
    }
  }
}

function bucketed(ctx: CorrelationContext, source: string, aggregate: string, by: string, test: (name: string) => string): string {
  ctx.warn(FIXED_BUCKETS(ctx.correlation.timespan.text))
  const keys = by ? by.replace(' by ', ' ') : ''
  return `${source} | bin _time span=${ctx.correlation.timespan.text} | stats ${aggregate} as sigma_value by _time${keys} | where ${test('sigma_value')}`
}

const field = (name: string) => (/^[\w.]+$/.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`)
const evalField = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? name : `'${name.replace(/['\\]/g, '\\$&')}'`)
