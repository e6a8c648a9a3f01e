import { COMPARE_SYMBOL, comparisons, needsAllRules, sameGroupFields, type CorrelationContext, type CorrelationPart } from './context'

/**
 * Correlations in SPL, all with the reference evaluator's meaning (a window of
 * `timespan` ending at each event of a group). Several rules are combined with
 * `multisearch`, each leg tagged with `sigma_rule`; events are sorted by time
 * (`sort 0 _time`), so that `streamstats time_window=<span> … by <group-by>`
 * sees the window ending at each event:
 *
 * - event_count `count`, value_count `dc`, value_sum `sum`, value_avg `avg`,
 *   temporal `dc(sigma_rule)`;
 * - temporal_ordered: for each step, the latest start of a chain of the
 *   previous steps within the window (`streamstats max(…)`), so the last step
 *   fires only when the whole chain lies in order within the span;
 * - value_percentile: two `streamstats` counts over the window (all of the
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

  // multisearch returns an event once per leg it matches; the counting types count it once (its index
  // address `_cd` on its server); temporal counts the rules it matched, so it keeps every copy.
  const once = parts.length > 1 && correlation.correlationType !== 'temporal' ? ' | dedup splunk_server index _cd' : ''
  switch (correlation.correlationType) {
    case 'event_count':
    case 'value_count':
    case 'value_sum':
    case 'value_avg':
    case 'temporal': {
      const aggregate = {
        event_count: () => 'count',
        value_count: () => `dc(${valueField()})`,
        value_sum: () => `sum(${valueField()})`,
        value_avg: () => `avg(${valueField()})`,
        temporal: () => 'dc(sigma_rule)',
      }[correlation.correlationType]()
      return `${source}${once} | sort 0 _time | streamstats time_window=${span} ${aggregate} as sigma_value${by} | where ${test('sigma_value')}`
    }
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
        `${source}${once} | sort 0 _time`,
        `streamstats time_window=${span} count as sigma_total${by}`,
        `streamstats time_window=${span} count as sigma_same${by ? `${by} ${v}` : ` by ${v}`}`,
        `where isnotnull(${v})`,
        'eval sigma_value=100*sigma_same/sigma_total',
        `where ${test('sigma_value')}`,
      ].join(' | ')
    }
  }
}


const field = (name: string) => (/^[\w.]+$/.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`)
const evalField = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? name : `'${name.replace(/['\\]/g, '\\$&')}'`)
