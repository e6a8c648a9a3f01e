import type { Expression } from '../sigma/nodes'
import type { Location } from '../sigma/position'
import type { SigmaCollection, SigmaCorrelation, SigmaDocument, SigmaRule } from '../sigma/rule'
import { applyPipeline, mapFieldName, mapGroupByField } from '../pipelines/apply-pipeline'
import { pipelines as builtinPipelines } from '../pipelines'
import { forEachLeaf } from '../pipelines/map-expression'
import type { DataSource, Pipeline } from '../pipelines/pipeline'
import { compileExpression, type CompileOptions, type Compiled } from './compiler/text-query-compiler'
import { convertCorrelation } from './correlations'
import { UnsupportedFeatureError } from './compiler/unsupported'
import { addWarnings, type ConversionWarning } from './compiler/warnings'
import { outputFormats } from './formats'
import { threatOf } from './formats/threat'
import type { RuleFacts } from './formats/types'
import { placeholderIn } from './shared/pattern'
import type { Target } from './target'
import { eql } from './targets/eql'
import { esql } from './targets/esql'
import { graylog } from './targets/graylog'
import { grep } from './targets/grep'
import { kql } from './targets/kql'
import { logpoint } from './targets/logpoint'
import { lucene } from './targets/lucene'
import { splunk } from './targets/splunk'
import { sqlite } from './targets/sqlite'
import { testTarget } from './targets/test'

export type ConversionResult =
  | { ok: true; target: string; pipeline: string; format: string; query: string; warnings: ConversionWarning[] }
  | { ok: false; target: string; pipeline: string; format: string; reason: string; code: string; location?: Location }

export interface ConvertOptions {
  readonly target: string
  /** Built-in pipeline ids or loaded pipelines, applied in order; the target's default when absent. */
  readonly pipeline?: string | Pipeline | readonly (string | Pipeline)[]
  readonly format?: string
  /** Schedule, severity and risk score for the output formats (Watcher, Kibana NDJSON, savedsearches, Sentinel); defaults when absent. */
  readonly facts?: RuleFacts
}

export interface TargetInfo {
  readonly id: string
  readonly label: string
  readonly language: string
  readonly pipelines: readonly string[]
  readonly formats: readonly string[]
}

/** Every target by id, the hidden compiler-test target included. */
export const targetRegistry: ReadonlyMap<string, Target> = new Map([grep, lucene, splunk, sqlite, eql, esql, kql, graylog, logpoint, testTarget].map((t) => [t.id, t]))

/** The formats a target can be written in: `default` (the query alone), then each output format of its language. */
function formatsOf(target: Target): string[] {
  return ['default', ...outputFormats.filter((f) => f.languages.includes(target.language)).map((f) => f.id)]
}

export const targets: readonly TargetInfo[] = Object.freeze(
  [...targetRegistry.values()]
    .filter((t) => !t.hidden)
    .map((t) =>
      Object.freeze({
        id: t.id,
        label: t.label,
        language: t.language,
        pipelines: t.pipelines,
        formats: formatsOf(t),
      }),
    ),
)

/**
 * Converts one document of a collection into a target's query. Never
 * throws: what the target cannot say is `ok: false` with a code and a
 * reason; a valid but weaker query carries warnings, each located at the
 * node that causes it when there is one (else it concerns the document).
 */
export function convert(document: SigmaDocument, collection: SigmaCollection, options: ConvertOptions): ConversionResult {
  const format = options.format ?? 'default'
  const target = targetRegistry.get(options.target)
  const chosen = pipelineList(options.pipeline, target)
  const pipelineId = chosen.map((p) => (typeof p === 'string' ? p : p.id)).join('+')
  const fail = (code: string, reason: string, location?: Location): ConversionResult => ({
    ok: false,
    target: options.target,
    pipeline: pipelineId,
    format,
    reason,
    code,
    ...(location ? { location } : {}),
  })
  if (!target) return fail('unknown-target', `Unknown target \`${options.target}\`; \`atlas targets\` lists them`)
  if (!formatsOf(target).includes(format))
    return fail('unknown-format', `Target \`${target.id}\` has no output format \`${format}\`; it has ${formatsOf(target).join(', ')}`)
  const resolved: Pipeline[] = []
  for (const p of chosen) {
    const pipeline = typeof p === 'string' ? builtinPipelines[p] : p
    if (!pipeline) return fail('unknown-pipeline', `Unknown pipeline \`${String(p)}\`; \`atlas targets\` lists them`)
    resolved.push(pipeline)
  }
  // A document the engine reported an error for has no trustworthy expression (an unexpanded
  // placeholder, for one, leaves an empty OR): say so rather than convert what is left.
  const error = document.diagnostics?.find((d) => d.severity === 'error')
  if (error) return fail(error.code, `The rule has an error: ${error.message}`, error.location)
  try {
    if (document.type === 'filter') return fail('filter', 'A filter is not converted alone: it is applied to the rules it names')
    const prepared =
      document.type === 'correlation' ? correlate(document, collection, target, resolved) : prepareRule(document, resolved)
    if ('code' in prepared) return fail(prepared.code, prepared.reason, 'location' in prepared ? prepared.location : undefined)
    const compiled =
      'compiled' in prepared ? prepared.compiled : (target.compile ?? ((e, o) => compileExpression(e, target.dialect, o)))(prepared.expression, prepared)
    const ok = (query: string, formatWarnings: readonly string[]): ConversionResult => {
      const warnings = addWarnings([], [...prepared.warnings, ...compiled.warnings, ...formatWarnings.map((message) => ({ message }))])
      return { ok: true, target: target.id, pipeline: pipelineId, format, query, warnings }
    }
    const output = outputFormats.find((f) => f.id === format)
    if (!output) return ok(compiled.query, [])
    const rendered = output.render({
      query: compiled.query,
      language: target.language,
      rule: document,
      fields: prepared.fields,
      dataSource: prepared.dataSource,
      ...('tables' in prepared ? { tables: prepared.tables } : {}),
      threat: threatOf(document.tags),
      ...options.facts,
    })
    return rendered.ok ? ok(rendered.text, rendered.warnings) : fail(rendered.code, rendered.reason)
  } catch (error) {
    if (error instanceof UnsupportedFeatureError) return fail(error.code, error.reason, error.location)
    return fail('internal-error', `The converter failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function pipelineList(option: ConvertOptions['pipeline'], target: Target | undefined): (string | Pipeline)[] {
  if (option === undefined) return [target?.pipelines[0] ?? 'none']
  return typeof option === 'string' || !Array.isArray(option) ? [option as string | Pipeline] : [...option]
}

interface PreparedRule {
  readonly expression: Expression
  readonly dataSource: DataSource
  readonly fields: readonly string[]
  /** The pipelines' warnings (fields not mapped for the log source, …), at the field when about one. */
  readonly warnings: readonly ConversionWarning[]
}

/** Applies the pipelines in order; the first problem is the reason. */
function prepareRule(rule: SigmaRule, pipelines: readonly Pipeline[]): PreparedRule | { code: string; reason: string; location?: Location } {
  let expression = rule.expression
  let dataSource: DataSource = {}
  let fields = rule.fields
  const warnings: ConversionWarning[] = []
  const placeholder = findPlaceholder(expression)
  if (placeholder) return { code: 'unexpanded-placeholder', reason: `The placeholder %${placeholder}% needs a pipeline that expands it` }
  for (const pipeline of pipelines) {
    const applied = applyPipeline({ expression, logsource: rule.logsource, fields, location: rule.location }, pipeline)
    const error = applied.diagnostics.find((d) => d.severity === 'error')
    if (error) return { code: error.code, reason: applied.diagnostics.map((d) => d.message).join('; '), location: error.location }
    addWarnings(warnings, applied.diagnostics.filter((d) => d.severity === 'warning').map((d) => ({ message: d.message, location: d.location })))
    expression = applied.expression
    fields = applied.fields
    dataSource = { ...dataSource, ...applied.dataSource }
  }
  return { expression, dataSource, fields, warnings }
}

function findPlaceholder(expression: Expression): string | undefined {
  let found: string | undefined
  forEachLeaf(expression, (node) => {
    if (node.kind === 'StringMatchNode') found ??= placeholderIn(node.value)
  })
  return found
}

/** A correlation, converted by `correlations/` for the target with the rules run through the same pipelines. */
function correlate(correlation: SigmaCorrelation, collection: SigmaCollection, target: Target, pipelines: readonly Pipeline[]) {
  const compile = target.compile ?? ((e: Expression, o: CompileOptions) => compileExpression(e, target.dialect, o))
  const dataSources: DataSource[] = []
  const ruleWarnings: ConversionWarning[] = []
  const { query, warnings } = convertCorrelation(correlation, collection, target, {
    prepare: (rule) => {
      const prepared = prepareRule(rule, pipelines)
      if (!('code' in prepared)) {
        dataSources.push(prepared.dataSource)
        addWarnings(ruleWarnings, prepared.warnings)
      }
      return prepared
    },
    mapField: (rule, field) => pipelines.reduce<string | undefined>((f, p) => (f === undefined ? undefined : mapFieldName(p, rule.logsource, f)), field),
    mapGroupBy: (rule, field) => pipelines.reduce<string | undefined>((f, p) => (f === undefined ? undefined : mapGroupByField(p, rule.logsource, f)), field),
    bare: (expression, dataSource) => compileExpression(expression, { ...target.dialect, finish: undefined }, { dataSource }),
    full: (expression, dataSource) => compile(expression, { dataSource }),
  })
  const index = [...new Set(dataSources.flatMap((d) => d.index ?? []))]
  const tables = [...new Set(dataSources.flatMap((d) => (d.kqlTable ? [d.kqlTable] : [])))]
  return {
    compiled: { query, warnings } satisfies Compiled,
    dataSource: { ...dataSources[0], ...(index.length > 0 ? { index } : {}) },
    tables,
    fields: correlation.fields,
    warnings: ruleWarnings,
  }
}

export type { Compiled }
export { compileExpression } from './compiler/text-query-compiler'
export { unsupported, UnsupportedFeatureError } from './compiler/unsupported'
export type { ConversionWarning } from './compiler/warnings'
export type { Unsupported } from './compiler/unsupported'
export type { CompileContext, Dialect, LeafKind, Leaves, Logic } from './compiler/dialect'
export type { Target } from './target'
export type { RuleFacts, Schedule } from './formats/types'
export { defineTarget } from './target'
