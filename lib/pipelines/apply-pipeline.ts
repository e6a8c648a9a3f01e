import type { Diagnostic } from '../sigma/diagnostics'
import type { Expression, StringMatchNode } from '../sigma/nodes'
import type { Location } from '../sigma/position'
import type { LogSource } from '../sigma/rule'
import type { SigmaString } from '../sigma/sigma-string'
import { toBasename } from './basenames'
import { mapLeaves } from './map-expression'
import type { DataSource, LogSourceMatch, Pipeline } from './pipeline'

export interface PipelineResult {
  /** The detection with fields renamed, values rewritten and data-source conditions ANDed in front. */
  readonly expression: Expression
  readonly dataSource: DataSource
  /** The rule's `fields`, renamed. */
  readonly fields: readonly string[]
  readonly diagnostics: readonly Diagnostic[]
}

/** What a pipeline needs from a rule (a `SigmaRule` or `SigmaFilter` fits). */
export interface PipelineInput {
  readonly expression: Expression
  readonly logsource: LogSource
  readonly fields?: readonly string[]
  readonly location: Location
}

export function matchesLogSource(when: LogSourceMatch | undefined, logsource: LogSource): boolean {
  if (!when) return true
  return (['product', 'category', 'service'] as const).every(
    (key) => when[key] === undefined || when[key].toLowerCase() === logsource[key]?.toLowerCase(),
  )
}

export function dataSourceOf(pipeline: Pipeline, logsource: LogSource): DataSource {
  return pipeline.logsources.find((rule) => matchesLogSource(rule.when, logsource))?.dataSource ?? pipeline.defaultDataSource
}

/**
 * The target name of a rule field, or `undefined` when no mapping names it.
 * Correlations use it for their group-by fields, so that a renamed field is
 * renamed everywhere.
 */
export function mapFieldName(pipeline: Pipeline, logsource: LogSource, field: string): string | undefined {
  return namedByMapping(pipeline, logsource, field) ?? (pipeline.strict ? undefined : field)
}

/** The target name that a field mapping (map or prefix) gives, or `undefined` when none names the field. */
function namedByMapping(pipeline: Pipeline, logsource: LogSource, field: string): string | undefined {
  for (const mapping of pipeline.fields) {
    if (!matchesLogSource(mapping.when, logsource)) continue
    const mapped = mapping.map[field]
    if (mapped !== undefined) return mapped
    if (mapping.prefix !== undefined) return mapping.prefix + field
  }
  return undefined
}

/**
 * The target name of a correlation group-by field: the pipeline's `groupBy`
 * entry for it (a host's id rather than its name), else the field's usual name.
 */
export function mapGroupByField(pipeline: Pipeline, logsource: LogSource, field: string): string | undefined {
  for (const mapping of pipeline.groupBy) {
    if (!matchesLogSource(mapping.when, logsource)) continue
    const mapped = mapping.map[field]
    if (mapped !== undefined) return mapped
  }
  return mapFieldName(pipeline, logsource, field)
}

export interface ApplyOptions {
  /**
   * Rewrite path suffixes to base-name fields (`basenames`); default true. The differential
   * engines turn it off for their reference, so that the rewrite itself is checked.
   */
  readonly basenames?: boolean
}

/** Applies a pipeline to one rule. Never throws; problems are diagnostics. */
export function applyPipeline(rule: PipelineInput, pipeline: Pipeline, options: ApplyOptions = {}): PipelineResult {
  const diagnostics: Diagnostic[] = []
  if (pipeline.requireDataSource && !pipeline.logsources.some((r) => matchesLogSource(r.when, rule.logsource))) {
    const message = `Pipeline \`${pipeline.id}\` knows no data source (table, index) for the log source {${logsourceText(rule.logsource)}}`
    return { expression: rule.expression, dataSource: {}, fields: rule.fields ?? [], diagnostics: [{ severity: 'error', code: 'unknown-logsource', message, location: rule.location }] }
  }
  // A pipeline that names its schema says when a rule's fields stay as written: for a whole log
  // source it has no mapping for, or field by field for a known log source.
  const schema = pipeline.warnUnmappedLogSource
  const known = pipeline.fields.some((m) => matchesLogSource(m.when, rule.logsource))
  const rename = (field: string, location: Location): string => {
    const mapped = mapFieldName(pipeline, rule.logsource, field)
    // Said once, at the first field (a rule of keywords alone has no field to map).
    if (schema !== undefined && !known && !diagnostics.some((d) => d.code === 'unmapped-logsource'))
      diagnostics.push({
        severity: 'warning',
        code: 'unmapped-logsource',
        message: `Fields are not mapped to ${schema} for the log source {${logsourceText(rule.logsource)}}; the query uses the rule's field names`,
        location: rule.location,
      })
    if (schema !== undefined && known && !pipeline.strict && namedByMapping(pipeline, rule.logsource, field) === undefined) {
      const message = `Field \`${field}\` is not mapped to ${schema} for the log source {${logsourceText(rule.logsource)}}; the query uses the rule's field name`
      if (!diagnostics.some((d) => d.message === message)) diagnostics.push({ severity: 'warning', code: 'unmapped-field', message, location })
    }
    if (mapped !== undefined) return mapped
    diagnostics.push({
      severity: 'error',
      code: 'unmapped-field',
      message: `Field \`${field}\` is not mapped by the strict pipeline \`${pipeline.id}\``,
      location,
    })
    return field
  }
  const transforms = pipeline.values.filter((t) => matchesLogSource(t.when, rule.logsource))
  const identity = pipeline.fields.length === 0 && transforms.length === 0 && pipeline.basenames.length === 0 && !pipeline.strict
  const rewritten = identity ? rule.expression : mapLeaves(rule.expression, (node) => {
    let next = node
    if (next.kind === 'StringMatchNode' && transforms.length > 0) next = transformValue(next, transforms)
    if (next.field === null) return next
    const field = rename(next.field, next.location)
    if (next.kind === 'StringMatchNode' && options.basenames !== false) {
      const named = toBasename({ ...next, field }, pipeline, rule.logsource)
      if (named.field !== field) return named
    }
    if (next.kind === 'FieldRefNode') {
      const otherField = rename(next.otherField, next.location)
      return field === next.field && otherField === next.otherField ? next : Object.freeze({ ...next, field, otherField })
    }
    return field === next.field ? next : Object.freeze({ ...next, field })
  })
  const dataSource = dataSourceOf(pipeline, rule.logsource)
  const conditions = conditionNodes(dataSource, rule.location)
  const expression: Expression =
    conditions.length === 0
      ? rewritten
      : Object.freeze({ kind: 'AndNode', location: rule.location, children: [...conditions, rewritten] })
  const fields = (rule.fields ?? []).map((f) => mapFieldName(pipeline, rule.logsource, f) ?? f)
  return { expression, dataSource, fields, diagnostics }
}

function logsourceText(logsource: LogSource): string {
  return (['product', 'category', 'service'] as const).flatMap((k) => (logsource[k] ? [`${k}: ${logsource[k]}`] : [])).join(', ')
}

function transformValue(node: StringMatchNode, transforms: Pipeline['values']): StringMatchNode {
  let value: SigmaString = node.value
  for (const t of transforms) {
    if (t.fields && (node.field === null || !t.fields.includes(node.field))) continue
    const pattern = new RegExp(t.replace.pattern, 'g')
    value = value.map((token) => (typeof token === 'string' ? token.replace(pattern, t.replace.replacement) : token))
  }
  return Object.freeze({ ...node, value })
}

function conditionNodes(dataSource: DataSource, location: Location): Expression[] {
  return Object.entries(dataSource.conditions ?? {}).map(([field, wanted]) => {
    const values = Array.isArray(wanted) ? wanted : [wanted]
    const leaves = values.map((value): Expression => {
      if (typeof value === 'number') return Object.freeze({ kind: 'NumberMatchNode', location, field, op: 'eq', value })
      if (typeof value === 'boolean') return Object.freeze({ kind: 'BooleanMatchNode', location, field, value })
      // Data-source values are exact names (a channel, an ECS category): matched as written.
      return Object.freeze({ kind: 'StringMatchNode', location, field, value: value ? [value] : [], cased: true })
    })
    return leaves.length === 1 ? leaves[0]! : Object.freeze({ kind: 'OrNode', location, children: leaves })
  })
}
