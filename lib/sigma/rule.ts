import type { Diagnostic } from './diagnostics'
import type { Expression } from './nodes'
import type { Location } from './position'

export type RuleStatus = 'stable' | 'test' | 'experimental' | 'deprecated' | 'unsupported'
export type RuleLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical'

export interface LogSource {
  readonly product?: string
  readonly category?: string
  readonly service?: string
  readonly definition?: string
}

/** Metadata shared by detection rules, correlations and filters. */
export interface RuleMeta {
  /** The file and the position of the YAML document this came from. */
  readonly location: Location
  /** The YAML text of this document alone (after legacy `action: global` merging). */
  readonly source: string
  readonly id?: string
  /** Where the `id` value is written (for duplicate-id messages). */
  readonly idLocation?: Location
  readonly name?: string
  readonly title: string
  readonly status?: RuleStatus
  readonly level?: RuleLevel
  readonly description?: string
  readonly author?: string
  readonly date?: string
  readonly modified?: string
  readonly license?: string
  readonly references: readonly string[]
  readonly tags: readonly string[]
  readonly falsepositives: readonly string[]
  readonly fields: readonly string[]
  readonly related: readonly { readonly id: string; readonly type: string }[]
  /** Every top-level key the specification does not define, kept as parsed. */
  readonly custom: Readonly<Record<string, unknown>>
  /** The problems found in this document (also in the collection's list). */
  readonly diagnostics?: readonly Diagnostic[]
}

export interface SigmaRule extends RuleMeta {
  readonly type: 'rule'
  readonly logsource: LogSource
  /**
   * The whole detection as one boolean tree: the condition (a list of
   * conditions is ORed) with every search identifier substituted.
   */
  readonly expression: Expression
}

export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile'

export type CompareOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq'

export interface CorrelationCondition {
  /** The field that value_* types aggregate. */
  readonly field?: string
  /** Several comparisons are ANDed, forming a range. */
  readonly comparisons: readonly { readonly op: CompareOp; readonly value: number }[]
  /** value_percentile only. */
  readonly percentile?: number
}

export interface SigmaCorrelation extends RuleMeta {
  readonly type: 'correlation'
  readonly correlationType: CorrelationType
  /** Ids or names, as written. */
  readonly rules: readonly string[]
  readonly groupBy: readonly string[]
  readonly timespan: { readonly text: string; readonly seconds: number }
  readonly condition?: CorrelationCondition
  /** alias → (rule id or name → field in that rule's events). */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, string>>>>
  readonly generate: boolean
}

export interface SigmaFilter extends RuleMeta {
  readonly type: 'filter'
  readonly logsource: LogSource
  /** Ids or names of the rules the filter applies to. */
  readonly rules: readonly string[]
  /** The filter's own condition; a rule it applies to becomes `rule AND expression`. */
  readonly expression: Expression
}

export type SigmaDocument = SigmaRule | SigmaCorrelation | SigmaFilter

/** What loading one or more files yields: everything that parsed, and every problem found. */
export interface SigmaCollection {
  readonly documents: readonly SigmaDocument[]
  readonly diagnostics: readonly Diagnostic[]
}
