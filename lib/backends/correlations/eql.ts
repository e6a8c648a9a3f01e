import { elasticField } from '../targets/elastic-syntax'
import { atLeast, needsAllRules, sameGroupFields, type CorrelationContext, type CorrelationPart } from './context'

/** Elasticsearch caps `with runs=` at 100. */
const MAX_RUNS = 100

/**
 * Correlations in EQL, with their exact meaning only:
 *
 * - temporal_ordered → `sequence by <group-by> with maxspan=<timespan> [a] [b] …`
 *   (per-query `by` when aliases give each rule its own field), the shape of
 *   Elastic's own rules;
 * - event_count "at least N" → `sequence by … with maxspan=… [a or b] with runs=N`,
 *   N events of the rules within the timespan (N ≤ 100);
 * - temporal (order not required) is unsupported: a sequence enforces an
 *   order and would miss the other orders, and `sample` has no time span;
 *   so are the aggregating types.
 * Non-optional join keys match non-null values only, as the reference
 * evaluator leaves events without a group-by value out of every group.
 */
export function eqlCorrelation(ctx: CorrelationContext): string {
  const { correlation } = ctx
  const span = correlation.timespan.text
  switch (correlation.correlationType) {
    case 'temporal_ordered': {
      if (!needsAllRules(ctx)) return ctx.unsupported('correlation-condition', 'an EQL sequence finds all of its rules in order; a condition on fewer of them has no EQL form')
      const shared = sameGroupFields(ctx)
      const header = `sequence${shared && ctx.parts[0]!.groupBy.length > 0 ? ` by ${ctx.parts[0]!.groupBy.map(elasticField).join(', ')}` : ''} with maxspan=${span}`
      const steps = ctx.parts.map((part) => `  [${query(part)}]${!shared ? ` by ${part.groupBy.map(elasticField).join(', ')}` : ''}`)
      return [header, ...steps].join('\n')
    }
    case 'event_count': {
      const n = atLeast(ctx)
      if (n === undefined) return ctx.unsupported('correlation-condition', 'EQL can find at least N events (a sequence with runs), not fewer or exactly N')
      if (n > MAX_RUNS) return ctx.unsupported('correlation-runs', `EQL sequences repeat a query at most ${MAX_RUNS} times, not ${n}`)
      if (!sameGroupFields(ctx)) return ctx.unsupported('correlation-alias', 'an EQL event count over rules with different group-by fields is not converted')
      const categories = new Set(ctx.parts.map(category))
      const where = ctx.parts.length === 1 ? ctx.parts[0]!.bare().query : ctx.parts.map((p) => `(${p.bare().query})`).join(' or ')
      const step = `${categories.size === 1 ? [...categories][0] : 'any'} where ${where}`
      const by = ctx.parts[0]!.groupBy.length > 0 ? ` by ${ctx.parts[0]!.groupBy.map(elasticField).join(', ')}` : ''
      if (n <= 1) return step
      return `sequence${by} with maxspan=${span}\n  [${step}] with runs=${n}`
    }
    case 'temporal':
      return ctx.unsupported('correlation-order', 'EQL sequences enforce an order (an unordered temporal correlation would miss the other orders) and EQL samples have no time span (write it as temporal_ordered if the order is known)')
    default:
      return ctx.unsupported('correlation-aggregate', `EQL cannot aggregate values (${correlation.correlationType}); the esql target can`)
  }
}

function category(part: CorrelationPart): string {
  return part.dataSource.eqlCategory ?? 'any'
}

function query(part: CorrelationPart): string {
  return `${category(part)} where ${part.bare().query}`
}
