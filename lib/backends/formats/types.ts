import type { DataSource } from '../../pipelines'
import type { RuleLevel, RuleMeta } from '../../sigma/rule'

/** One tactic with its techniques, in the shape Kibana's `threat` array uses. */
export interface ThreatEntry {
  readonly tactic: AttackRef
  readonly techniques: readonly (AttackRef & { readonly subtechniques: readonly AttackRef[] })[]
}

export interface AttackRef {
  readonly id: string
  readonly name: string
  readonly reference: string
}

/** When a scheduled search runs and how far back each run looks. */
export interface Schedule {
  /** How often the search runs (`5m`). */
  readonly interval: string
  /** How far back each run looks (`9m`); at least the interval. */
  readonly lookback: string
  readonly maxAlerts: number
}

/**
 * Everything an output format needs, already resolved: the converted query, the
 * rule's metadata, where the query runs, and the ATT&CK mapping of its tags.
 * Formats are pure functions of this.
 */
export interface FormatInput {
  readonly query: string
  /** The query language: `lucene`, `kuery`, `eql`, `esql`, `spl`, `kql`, … */
  readonly language: string
  readonly rule: RuleMeta
  /** The rule's `fields`, already mapped to the target's field names. */
  readonly fields: readonly string[]
  /** Where the query runs, from the pipeline: index patterns (Elastic), Defender/Sentinel table, … */
  readonly dataSource: DataSource
  /** Every table a (correlation) query reads, when more than the data source's `kqlTable`. */
  readonly tables?: readonly string[]
  readonly threat: readonly ThreatEntry[]
  readonly schedule?: Partial<Schedule>
  /** Overrides of the severity and risk score derived from the Sigma level. */
  readonly severity?: RuleLevel
  readonly riskScore?: number
}

/**
 * What a rule's page (or the caller) knows about running it that the Sigma
 * document does not say: the schedule, and overrides of the severity and risk
 * score derived from the level. Formats fill in defaults for what is absent.
 */
export type RuleFacts = Pick<FormatInput, 'schedule' | 'severity' | 'riskScore'>

export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string; readonly code: string }

export interface OutputFormat {
  readonly id: string
  readonly label: string
  /** The query languages this format can carry. */
  readonly languages: readonly string[]
  /** File extension of the output (`json`, `ndjson`, `conf`, `yaml`). */
  readonly extension: string
  readonly render: (input: FormatInput) => FormatResult
}
