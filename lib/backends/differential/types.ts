import type { Expression } from '../../sigma/nodes'
import type { SigmaCollection, SigmaDocument } from '../../sigma/rule'
import type { FlatEvent } from '../../sigma/testing/event'
import type { ConversionWarning } from '../compiler/warnings'

/**
 * An independent engine that runs a target's query over events: real
 * `grep -P`, real SQLite, or the Elasticsearch-semantics evaluator over the
 * npm `lucene` parser. The differential check compares its verdict on every
 * event with the reference evaluator's.
 */
export interface Engine {
  /** Name in reports: `sqlite`, `grep`, `grep-jsonl`, `lucene`. */
  readonly id: string
  /** The backend target whose queries it runs. */
  readonly target: string
  /** The pipeline passed to `convert` (undefined: the target's default). */
  readonly pipeline?: string
  /**
   * `exact`: every disagreement is a bug. `field-less`: the format cannot tell
   * fields apart (raw log lines), so an event that matches where the rule
   * does not is counted separately as an over-match; missing a match is still a bug.
   */
  readonly exactness: 'exact' | 'field-less'
  /**
   * For a field-less engine: its pipeline declares, with a warning on each such
   * rule, that it may also miss events (grep `raw-line-exclusions`), so misses
   * on warned rules are counted apart. Otherwise a field-less engine's misses
   * always count, warning or not.
   */
  readonly missesWarned?: boolean
  /** Fields that receive keyword (field-less) values in generated events. */
  readonly keywordFields?: readonly string[]
  /** Whether generated values may contain line breaks. */
  readonly newlines: boolean
  /**
   * Which events this engine can hold (e.g. no line break in a raw line,
   * a number in a numeric field); the others are skipped and counted.
   */
  readonly accepts?: (event: FlatEvent, expression: Expression) => boolean
  /** One verdict per event, or the engine's rejection of the query. */
  run(query: string, events: readonly FlatEvent[], expression: Expression): EngineVerdict
  /** Releases what the engine holds (a database, temporary files). */
  close?(): void
}

export type EngineVerdict = { readonly ok: true; readonly matched: readonly boolean[] } | { readonly ok: false; readonly error: string }

/** The backends' `convert` contract (lib/backends/index.ts). */
export type ConversionResult =
  | { ok: true; target: string; pipeline: string; format: string; query: string; warnings: ConversionWarning[] }
  | { ok: false; target: string; pipeline: string; format: string; reason: string; code: string }

export type Convert = (
  document: SigmaDocument,
  collection: SigmaCollection,
  options: { target: string; pipeline?: string; format?: string },
) => ConversionResult
