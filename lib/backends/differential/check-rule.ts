import { matches } from '../../sigma/evaluate'
import type { Expression } from '../../sigma/nodes'
import type { SigmaCollection, SigmaRule } from '../../sigma/rule'
import type { FlatEvent } from '../../sigma/testing/event'
import { generateEvents, type EventGeneratorOptions } from '../../sigma/testing/event-generator'
import { hashString } from '../../sigma/testing/random'
import { applyPipeline, mapFieldName } from '../../pipelines/apply-pipeline'
import { pipelines } from '../../pipelines'
import { withBasenames } from '../../pipelines/basenames'
import type { ConversionWarning } from '../compiler/warnings'
import type { Convert, Engine } from './types'

/** One event on which the engine and the reference evaluator disagree. */
export interface Disagreement {
  readonly event: FlatEvent
  /** The reference evaluator's verdict. */
  readonly expected: boolean
  /** `generated` or the file of a real event. */
  readonly source: string
}

export type RuleOutcome =
  | { readonly status: 'crash'; readonly rule: RuleRef; readonly error: string }
  | { readonly status: 'unsupported'; readonly rule: RuleRef; readonly code: string; readonly reason: string }
  | ({ readonly status: 'converted'; readonly rule: RuleRef; readonly query: string; readonly warnings: readonly ConversionWarning[] } & Comparison)

export interface RuleRef {
  readonly id: string
  readonly title: string
  readonly file: string
}

export interface Comparison {
  /** Events compared, and how many the reference evaluator says match. */
  readonly events: number
  readonly positives: number
  /** Events the engine cannot hold (a line break in a raw line, …). */
  readonly skipped: number
  /** The engine rejected the query. */
  readonly engineError?: string
  /** Events the engine matched where the rule does not (tolerated only for field-less engines). */
  readonly overMatches: number
  /** Events where the engine missed a match (always a bug). */
  readonly underMatches: number
  /** A few of the disagreements, for the report. */
  readonly samples: readonly Disagreement[]
}

export interface RealEvents {
  readonly file: string
  /** Events keyed by the rule's own field names (before any pipeline). */
  readonly events: readonly FlatEvent[]
}

export interface CheckOptions {
  readonly seed: number
  readonly convert: Convert
  /** Real events for this rule (regression data). */
  readonly real?: readonly RealEvents[]
  readonly generator?: Partial<EventGeneratorOptions>
  /** At most this many disagreements kept per rule (default 5). */
  readonly keep?: number
}

/**
 * Converts one rule for the engine's target and, when it converts, runs the
 * query over generated and real events and compares with the reference
 * evaluator applied to the same expression the backend compiled: the rule's
 * detection after the pipeline (renamed fields, data-source conditions).
 */
export function checkRule(rule: SigmaRule, collection: SigmaCollection, engine: Engine, options: CheckOptions): RuleOutcome {
  const ref: RuleRef = { id: rule.id ?? '', title: rule.title, file: rule.location.file }
  let result
  try {
    result = options.convert(rule, collection, { target: engine.target, pipeline: engine.pipeline })
  } catch (error) {
    return { status: 'crash', rule: ref, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
  if (!result.ok) return { status: 'unsupported', rule: ref, code: result.code, reason: result.reason }
  const pipeline = pipelines[result.pipeline]
  // The reference keeps path suffixes on the path fields (no base-name rewrite), and every event gets
  // the name fields its paths imply, as the shipper writes them: the rewrite itself is then checked.
  const expression = pipeline ? applyPipeline(rule, pipeline, { basenames: false }).expression : rule.expression
  const rename = (field: string) => (pipeline ? (mapFieldName(pipeline, rule.logsource, field) ?? field) : field)
  const derive = (event: FlatEvent) => (pipeline ? withBasenames(event, pipeline, rule.logsource) : event)
  const sets: { source: string; events: readonly FlatEvent[] }[] = [
    {
      source: 'generated',
      events: generateEvents(expression, {
        seed: hashString(ref.id || ref.file, options.seed),
        probe: (e, event) => matches(e, event),
        keywordFields: engine.keywordFields,
        newlines: engine.newlines,
        ...options.generator,
      }).map(derive),
    },
    ...(options.real ?? []).map((real) => ({ source: real.file, events: real.events.map((e) => derive(renameFields(e, rename))) })),
  ]
  return { status: 'converted', rule: ref, query: result.query, warnings: result.warnings, ...compare(result.query, expression, sets, engine, options.keep ?? 5) }
}

function compare(
  query: string,
  expression: Expression,
  sets: readonly { source: string; events: readonly FlatEvent[] }[],
  engine: Engine,
  keep: number,
): Comparison {
  const events: FlatEvent[] = []
  const sources: string[] = []
  let skipped = 0
  for (const set of sets) {
    for (const event of set.events) {
      if (engine.accepts && !engine.accepts(event, expression)) skipped++
      else {
        events.push(event)
        sources.push(set.source)
      }
    }
  }
  const expected = events.map((event) => matches(expression, event))
  const positives = expected.filter(Boolean).length
  const verdict = engine.run(query, events, expression)
  if (!verdict.ok) return { events: events.length, positives, skipped, engineError: verdict.error, overMatches: 0, underMatches: 0, samples: [] }
  const samples: Disagreement[] = []
  let overMatches = 0
  let underMatches = 0
  events.forEach((event, i) => {
    if (verdict.matched[i] === expected[i]) return
    if (expected[i]) underMatches++
    else overMatches++
    if (samples.length < keep) samples.push({ event, expected: expected[i]!, source: sources[i]! })
  })
  return { events: events.length, positives, skipped, overMatches, underMatches, samples }
}

function renameFields(event: FlatEvent, rename: (field: string) => string): FlatEvent {
  const out: FlatEvent = {}
  for (const [key, value] of Object.entries(event)) out[rename(key)] = value
  return out
}
