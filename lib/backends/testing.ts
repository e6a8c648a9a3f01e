import { matches, parseSigma } from '../sigma'
import type { SigmaRule } from '../sigma/rule'
import type { FlatEvent } from '../sigma/testing/event'
import type { Engine } from './differential/types'
import { convert, type ConversionResult, type ConversionWarning, type ConvertOptions } from './index'

/** Expected result for a target that answers `ok: false`. */
export const NOT_SUPPORTED = Object.freeze({ notSupported: true as const })

export type Expected = string | typeof NOT_SUPPORTED | { readonly code: string }

/** Parses one YAML rule, failing loudly on any diagnostic (test helper). */
export function ruleFrom(yaml: string): SigmaRule {
  const collection = parseSigma(yaml, 'test.yml')
  const errors = collection.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'))
  const rule = collection.documents.find((d) => d.type === 'rule')
  if (!rule || rule.type !== 'rule') throw new Error('no rule in the YAML')
  return rule
}

/** Converts a YAML rule; `target` may be `id` or `id@pipeline`. */
export function convertYaml(yaml: string, target: string, options: Partial<ConvertOptions> = {}): ConversionResult {
  const collection = parseSigma(yaml, 'test.yml')
  const [id, pipeline] = target.split('@') as [string, string | undefined]
  return convert(collection.documents[0]!, collection, { target: id, ...(pipeline ? { pipeline } : {}), ...options })
}

/** The golden text of a result: the query, or `UNSUPPORTED [code] reason`; then `WARNING [line:col ]message` lines. */
export function describeResult(result: ConversionResult): string {
  if (!result.ok) return `UNSUPPORTED [${result.code}] ${result.reason}`
  const at = (w: ConversionWarning) => (w.location ? `${w.location.start.line}:${w.location.start.column} ` : '')
  return [result.query, ...result.warnings.map((w) => `WARNING ${at(w)}${w.message}`)].join('\n')
}

/**
 * A rule made of `detection` (the lines under `detection:`), converted for the engine's target and
 * pipeline (`none` unless the engine names one) and run on the events, beside the reference evaluator's
 * verdict on each event (test helper for the real-engine checks).
 */
export function engineVerdicts(engine: Engine, detection: string, events: readonly FlatEvent[]) {
  const rule = ruleFrom(`title: engine check\nlogsource: {category: test}\ndetection:\n${detection}\n`)
  const result = convert(rule, { documents: [rule], diagnostics: [] }, { target: engine.target, pipeline: engine.pipeline ?? 'none' })
  if (!result.ok) throw new Error(`not converted for ${engine.id}: ${result.reason} [${result.code}]`)
  const ran = engine.run(result.query, events, rule.expression)
  return { query: result.query, engine: ran.ok ? ran.matched : ran.error, reference: events.map((e) => matches(rule.expression, e)) }
}

