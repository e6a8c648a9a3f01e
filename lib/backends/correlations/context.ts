import type { Expression } from '../../sigma/nodes'
import type { CompareOp, SigmaCollection, SigmaCorrelation, SigmaDocument, SigmaRule } from '../../sigma/rule'
import type { DataSource } from '../../pipelines/pipeline'
import type { Compiled } from '../compiler/text-query-compiler'
import { UnsupportedFeatureError } from '../compiler/unsupported'
import { addWarnings, type ConversionWarning } from '../compiler/warnings'

/** One rule a correlation refers to, after the pipelines. */
export interface CorrelationPart {
  /** The reference as the correlation writes it (id or name). */
  readonly reference: string
  readonly rule: SigmaRule
  readonly expression: Expression
  readonly dataSource: DataSource
  /** The group-by fields in this rule's events (aliases resolved), mapped by the pipelines, in group-by order. */
  readonly groupBy: readonly string[]
  /** `condition.field` of value_* types, mapped for this rule. */
  readonly valueField?: string
  /** The condition alone, in the target's syntax (no table, category or `FROM`). */
  readonly bare: () => Compiled
  /** The rule's complete query, as `convert` writes it. */
  readonly full: () => Compiled
}

/** What a correlation writer gets: the correlation, its parts and a way to warn or give up. */
export interface CorrelationContext {
  readonly correlation: SigmaCorrelation
  readonly parts: readonly CorrelationPart[]
  /** The names of the group-by keys in the output (the correlation's own names). */
  readonly groupNames: readonly string[]
  /** A weaker meaning of the whole correlation (its window, an approximate count): located at the document. */
  warn(message: string): void
  unsupported(code: string, reason: string): never
}

export type CorrelationWriter = (ctx: CorrelationContext) => string

/** What `convert` supplies: how to run the pipelines on a rule and how to map one field name. */
export interface CorrelationHooks {
  readonly prepare: (rule: SigmaRule) => { expression: Expression; dataSource: DataSource } | { code: string; reason: string }
  readonly mapField: (rule: SigmaRule, field: string) => string | undefined
  /** A group-by field's target name (the pipeline's `groupBy`: a host's id, not its name); `mapField` when absent. */
  readonly mapGroupBy?: (rule: SigmaRule, field: string) => string | undefined
  readonly bare: (expression: Expression, dataSource: DataSource) => Compiled
  readonly full: (expression: Expression, dataSource: DataSource) => Compiled
}

export function fail(code: string, reason: string): never {
  throw new UnsupportedFeatureError(code, reason)
}

/**
 * Links a correlation to its rules (by id or name), runs each through the
 * pipelines and maps the group-by and value fields, with aliases. A chained
 * correlation, a dangling reference or an unmapped field is a reason, thrown
 * as `UnsupportedFeatureError`.
 */
export function correlationContext(correlation: SigmaCorrelation, collection: SigmaCollection, hooks: CorrelationHooks, warnings: ConversionWarning[]): CorrelationContext {
  const lookup = new Map<string, SigmaDocument>()
  for (const document of collection.documents) {
    if (document.id !== undefined && !lookup.has(document.id)) lookup.set(document.id, document)
    if (document.name !== undefined && !lookup.has(document.name)) lookup.set(document.name, document)
  }
  const valueFieldNames = correlation.condition?.field?.split(',').map((f) => f.trim())
  if (valueFieldNames && valueFieldNames.length > 1) fail('correlation-multiple-fields', 'a correlation over several value fields (a tuple) is not converted')
  const collect = (compiled: Compiled): Compiled => {
    addWarnings(warnings, compiled.warnings)
    return compiled
  }
  const parts = correlation.rules.map((reference): CorrelationPart => {
    const rule = lookup.get(reference)
    if (!rule) fail('correlation-reference', `the correlation refers to \`${reference}\`, which is not in the collection`)
    if (rule.type === 'correlation') fail('correlation-chain', `\`${reference}\` is itself a correlation: chained correlations are not converted`)
    if (rule.type !== 'rule') fail('correlation-reference', `\`${reference}\` is a filter, not a rule`)
    const prepared = hooks.prepare(rule)
    if ('code' in prepared) fail(prepared.code, `rule \`${reference}\`: ${prepared.reason}`)
    const map = (field: string, how = hooks.mapField) => how(rule, field) ?? fail('unmapped-field', `rule \`${reference}\`: the pipeline does not map the field \`${field}\``)
    const groupBy = correlation.groupBy.map((name) => {
      const alias = correlation.aliases[name]
      const field = alias ? (alias[reference] ?? alias[rule.name ?? ''] ?? alias[rule.id ?? '']) : name
      return map(field ?? fail('correlation-alias', `the alias \`${name}\` names no field for rule \`${reference}\``), hooks.mapGroupBy)
    })
    const { expression, dataSource } = prepared
    return {
      reference,
      rule,
      expression,
      dataSource,
      groupBy,
      ...(valueFieldNames ? { valueField: map(valueFieldNames[0]!) } : {}),
      bare: () => collect(hooks.bare(expression, dataSource)),
      full: () => collect(hooks.full(expression, dataSource)),
    }
  })
  return {
    correlation,
    parts,
    groupNames: correlation.groupBy,
    warn: (message) => void addWarnings(warnings, [{ message }]),
    unsupported: fail,
  }
}

/** True when every part maps each group-by key to the same field. */
export function sameGroupFields(ctx: CorrelationContext): boolean {
  return ctx.parts.every((part) => part.groupBy.every((field, i) => field === ctx.parts[0]!.groupBy[i]))
}

/** The comparisons of the condition, with the defaults of each type (`gte` all rules for temporal types). */
export function comparisons(ctx: CorrelationContext): readonly { op: CompareOp; value: number }[] {
  const { correlation } = ctx
  if (correlation.condition && correlation.condition.comparisons.length > 0) return correlation.condition.comparisons
  if (correlation.correlationType === 'temporal' || correlation.correlationType === 'temporal_ordered')
    return [{ op: 'gte', value: correlation.rules.length }]
  return fail('correlation-condition', `a ${correlation.correlationType} correlation needs a condition`)
}

/** True when the condition is exactly "all referenced rules" (the default of temporal types). */
export function needsAllRules(ctx: CorrelationContext): boolean {
  const list = comparisons(ctx)
  return list.length === 1 && ((list[0]!.op === 'gte' && list[0]!.value === ctx.parts.length) || (list[0]!.op === 'eq' && list[0]!.value === ctx.parts.length) || (list[0]!.op === 'gt' && list[0]!.value === ctx.parts.length - 1))
}

/** The smallest count N with "at least N" meaning, when every comparison is gt/gte; undefined otherwise. */
export function atLeast(ctx: CorrelationContext): number | undefined {
  const list = comparisons(ctx)
  if (!list.every((c) => c.op === 'gt' || c.op === 'gte')) return undefined
  return Math.max(...list.map((c) => (c.op === 'gt' ? Math.floor(c.value) + 1 : Math.ceil(c.value))))
}

export const FIXED_BUCKETS = (timespan: string) =>
  `counted in fixed ${timespan} time buckets, not a sliding ${timespan} window: events that straddle a bucket boundary are missed`

export const COMPARE_SYMBOL = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '==', neq: '!=' } as const satisfies Record<CompareOp, string>
