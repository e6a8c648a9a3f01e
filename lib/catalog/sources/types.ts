/**
 * Rule sources: where the catalog's rules come from. `content` is the project's own
 * MDX pages; `sigma` and `elastic` are whole rule repositories (trees of plain Sigma
 * `.yml` files, trees of Elastic detection-rules `.toml` files) read as they are.
 */

export type SourceType = 'content' | 'sigma' | 'elastic'

/** One configured source: a type and a folder (absolute once resolved). */
export interface RuleSource {
  readonly type: SourceType
  readonly path: string
}

/** Where a rule in the manifest came from. */
export interface RuleOrigin {
  readonly type: SourceType
  /** The source file, relative to the working directory (as diagnostics print it). */
  readonly file: string
  /** For an imported rule overlaid by a content page: that page. */
  readonly overlay?: string
}

/** A guide written in markdown (an Elastic `note`), rendered to sanitized HTML at prebuild. */
export interface MarkdownGuide {
  readonly html: string
  readonly headings: readonly { depth: number; text: string; slug: string }[]
}

/** A labelled value as the Elastic facts panel shows it. */
export interface ElasticFacts {
  /** `query`, `eql`, `esql`, `threshold`, `new_terms`, `threat_match`, `machine_learning`. */
  readonly type: string
  /** `kuery`, `eql`, `esql`, `lucene`; absent for machine learning. */
  readonly language?: string
  readonly maturity: string
  readonly deprecated: boolean
  readonly buildingBlock: boolean
  /** Elastic's free-form tags (`Domain: Endpoint`, `Tactic: Lateral Movement`). */
  readonly tags: readonly string[]
  readonly integrations: readonly string[]
  /** Runs every (`interval`, default 5m). */
  readonly interval: string
  /** How far back each run searches (`from: now-9m` → 9m). */
  readonly lookback: string
  /** The look-back beyond the interval, as Kibana shows it ("Additional look-back time"). */
  readonly additionalLookback: string | null
  readonly maxAlerts: number
  readonly timestampOverride?: string
  readonly minStackVersion?: string
  readonly deprecationDate?: string
  readonly threshold?: { readonly field: readonly string[]; readonly value: number; readonly cardinality?: readonly { field: string; value: number }[] }
  readonly newTerms?: { readonly fields: readonly string[]; readonly historyWindowStart: string; readonly historyWindow: string }
  readonly machineLearning?: { readonly jobIds: readonly string[]; readonly anomalyThreshold: number }
  readonly threatMatch?: {
    readonly indices: readonly string[]
    readonly indicatorPath?: string
    readonly query?: string
    readonly mappings: readonly (readonly { field: string; value: string }[])[]
  }
  readonly alertSuppression?: { readonly groupBy: readonly string[]; readonly duration?: string; readonly missingFields?: string }
  readonly investigationFields: readonly string[]
  /** The `setup` text (markdown), rendered and sanitized. */
  readonly setup?: MarkdownGuide
  /** `[transform]` entries (Kibana Investigate / Osquery buttons), by placeholder name (`investigate_0`). */
  readonly transforms: readonly { readonly placeholder: string; readonly kind: string; readonly label: string }[]
}
