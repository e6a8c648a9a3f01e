/**
 * The manifest the prebuild step writes and the pages read: plain JSON, so pages
 * never parse, convert or highlight anything themselves. One small index for
 * lists and the matrix, and one file per rule for its page.
 */
import type { ConversionWarning } from './engine'
import type { SeverityLevel } from './schemas/common'
import type { ElasticFacts, MarkdownGuide, RuleOrigin } from './sources/types'

export type { ElasticFacts, MarkdownGuide, RuleOrigin } from './sources/types'

export interface TargetSummary {
  readonly id: string
  readonly label: string
  readonly language: string
  readonly pipelines: readonly { readonly id: string; readonly label: string }[]
  readonly formats: readonly { readonly id: string; readonly label: string }[]
}

export interface LogSourceKey {
  readonly product?: string
  readonly category?: string
  readonly service?: string
}

/** What a rule's ATT&CK tag resolved to, ready to show as a chip. */
export interface AttackChip {
  readonly kind: 'tactic' | 'technique' | 'other'
  /** `TA0008`, `T1021.003`, `G0069`; an unknown tactic has its shortname here. */
  readonly id: string
  readonly name?: string
  readonly url: string
  /** false when the bundled ATT&CK release does not know it (kept, shown, linked). */
  readonly known: boolean
  /** For a tactic: its shortname (`lateral-movement`). */
  readonly shortname?: string
  /** A revoked or deprecated technique: why, and what replaces it (`revoked: use T1059.001`). */
  readonly note?: string
}

/** Tactic → technique → sub-techniques, in matrix order, as the rule page shows them. */
export interface AttackGroup {
  readonly tactic: AttackChip
  readonly techniques: readonly { readonly technique: AttackChip; readonly subtechniques: readonly AttackChip[] }[]
}

/** One rule in the index: enough for lists, facets, the matrix and the search index. */
export interface RuleSummary {
  readonly slug: string
  readonly id: string
  readonly title: string
  readonly description: string
  readonly severity: SeverityLevel
  readonly riskScore?: number
  readonly status?: string
  /** `sigma` (a rule), `correlation` (a Sigma correlation) or `native` (a native query). */
  readonly kind: 'sigma' | 'correlation' | 'native'
  readonly ruleType?: string
  /** Tactic shortnames, matrix order. */
  readonly tactics: readonly string[]
  /** Technique and sub-technique ids, upper case. */
  readonly techniques: readonly string[]
  readonly logsource: LogSourceKey | null
  /** `windows/process_creation` — the `/data/<key>/` page of the log source. */
  readonly logsourceSlug: string | null
  readonly date?: string
  readonly modified?: string
  readonly author?: string
  /** Targets that can express the rule (at least one pipeline converts it). */
  readonly targets: readonly string[]
  /** Where the rule comes from (`content`, a Sigma tree, an Elastic tree); absent means content. */
  readonly origin?: RuleOrigin
  /** Retired upstream (Elastic `rules/_deprecated`, maturity deprecated; Sigma status deprecated). */
  readonly deprecated?: boolean
  /** An Elastic building-block rule: it feeds other rules and raises no alert of its own. */
  readonly buildingBlock?: boolean
}

export interface Conversion {
  readonly target: string
  readonly pipeline: string
  readonly format: string
  readonly ok: boolean
  readonly query?: string
  /** Build-time highlighted HTML of `query`. */
  readonly html?: string
  /** Located in the page file (line and column of the field or value that weakens the query). */
  readonly warnings: readonly ConversionWarning[]
  readonly reason?: string
  readonly code?: string
}

export interface ShownCode {
  readonly language: string
  readonly label: string
  readonly text: string
  readonly html: string
}

export interface SampleTestResult {
  readonly name: string
  readonly match: boolean
  readonly passed: boolean
}

/** What one pipeline makes of a log source: the concrete data to turn on. */
export interface DataSourceView {
  readonly pipeline: string
  readonly label: string
  readonly facts: readonly { readonly label: string; readonly value: string }[]
  /** Rule field → the pipeline's name for it; null when a strict pipeline cannot map it. */
  readonly fields: Readonly<Record<string, string | null>>
}

export interface RuleDetail extends RuleSummary {
  /** The content file, relative to the content folder. */
  readonly file: string
  /**
   * References that may be links: absolute http(s)/mailto URLs only (`splitReferences`,
   * lib/catalog/safe-url.ts, at prebuild), so rendering each as `<a href>` is safe.
   */
  readonly references: readonly string[]
  /** The other references (`javascript:`, `data:`, plain notes), unchanged: render as text, never as a link. */
  readonly textReferences: readonly string[]
  readonly falsepositives: readonly string[]
  readonly authors: readonly string[]
  readonly license?: string
  readonly version?: number
  readonly indices: readonly string[]
  readonly schedule?: { readonly interval: string; readonly lookback?: string; readonly max_alerts?: number }
  readonly trigger?: string
  readonly attack: readonly AttackGroup[]
  /** The detection as written: Sigma YAML or the native query. */
  readonly detection: ShownCode
  /** Native queries shown beside the conversions. */
  readonly native: readonly ShownCode[]
  readonly conversions: readonly Conversion[]
  readonly tests: readonly SampleTestResult[]
  /** Fields the detection reads. */
  readonly fields: readonly string[]
  /** The compiled investigation guide (mdx-bundler code) and its headings. */
  readonly guide: { readonly code: string; readonly headings: readonly { depth: number; text: string; slug: string }[] } | null
  /** An imported rule's own guide (Elastic `note`): markdown rendered to sanitized HTML at prebuild. Used when `guide` is null. */
  readonly markdownGuide?: MarkdownGuide
  /** Everything an Elastic rule's reference page shows beyond the common fields. */
  readonly elastic?: ElasticFacts
  /**
   * A content page without a detection (no `sigma:`, no `query:`): it has no page of its own
   * and only overlays the imported rule with its id. Says which required fields the page set.
   */
  readonly overlayOnly?: { readonly title: boolean; readonly severity: boolean }
}

export interface LogSourceSummary {
  readonly slug: string
  readonly logsource: LogSourceKey
  readonly rules: readonly string[]
  /** Field → number of rules of this log source that read it. */
  readonly fields: Readonly<Record<string, number>>
  readonly dataSources: readonly DataSourceView[]
}

export interface MatrixCell {
  readonly id: string
  readonly name: string
  readonly url: string
  /** Rules mapped to this technique or any of its sub-techniques. */
  readonly count: number
  readonly subtechniques: readonly { readonly id: string; readonly name: string; readonly url: string; readonly count: number }[]
}

export interface TacticSummary {
  readonly id: string
  readonly shortname: string
  readonly name: string
  readonly description: string
  readonly url: string
  readonly known: boolean
  readonly count: number
  readonly techniques: readonly MatrixCell[]
}

export interface TechniqueSummary {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly url: string
  readonly known: boolean
  readonly parent: string | null
  readonly tactics: readonly string[]
  readonly rules: readonly string[]
}

export interface ManifestIndex {
  readonly version: 1
  readonly attackVersion: string
  readonly targets: readonly TargetSummary[]
  readonly rules: readonly RuleSummary[]
  /** Matrix order; tactics the data does not know (a newer release) come last. */
  readonly tactics: readonly TacticSummary[]
  /** Every technique that a rule maps to (with its parent), keyed by id. */
  readonly techniques: Readonly<Record<string, TechniqueSummary>>
  readonly logsources: readonly LogSourceSummary[]
}
