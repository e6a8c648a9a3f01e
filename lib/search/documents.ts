import type { ManifestIndex, RuleSummary } from '../catalog/manifest-types'

export type Severity = RuleSummary['severity']

/** One rule as the search index carries it: what a result shows, and every facet value. */
export interface SearchDoc {
  readonly slug: string
  readonly id: string
  readonly title: string
  readonly description: string
  readonly severity: Severity
  readonly riskScore?: number
  /** Sigma status; native rules without one are `—`. */
  readonly status: string
  /** `sigma` (a Sigma rule or correlation) or `native` (a native query). */
  readonly kind: 'sigma' | 'native'
  readonly correlation?: true
  readonly tactics: readonly string[]
  readonly techniques: readonly string[]
  readonly product?: string
  readonly category?: string
  readonly service?: string
  readonly targets: readonly string[]
  /** `modified` or else `date`, `YYYY-MM-DD` (or empty): what "newest" sorts by. */
  readonly updated: string
  /** Rules the search hides until the `show` facet asks for them (absent: none). */
  readonly flags?: readonly RuleFlag[]
}

/**
 * A building-block rule (Elastic `building_block_type`: it feeds other rules and
 * raises no alert of its own) and a deprecated one (Elastic maturity deprecated,
 * Sigma status deprecated): kept in the catalog, hidden from search results by default.
 */
export const RULE_FLAGS = ['building-block', 'deprecated'] as const
export type RuleFlag = (typeof RULE_FLAGS)[number]

export function ruleFlags(rule: Pick<RuleSummary, 'buildingBlock' | 'deprecated' | 'status'>): RuleFlag[] {
  return [...(rule.buildingBlock ? (['building-block'] as const) : []), ...(rule.deprecated || rule.status === 'deprecated' ? (['deprecated'] as const) : [])]
}

/**
 * What the home page's search loads lazily, in two files so the first results
 * need only the first: `/search/core.json` (`SearchCore`: every rule without its
 * id, description and date, and the names its facet values stand for) and then
 * `/search/text.json` (`SearchText`: ids, descriptions and dates, in the same order).
 * The browser builds the MiniSearch index itself: a prebuilt one (`toJSON`) was
 * about as many gzip bytes again as the documents (see README, Search).
 */
export interface SearchData {
  readonly version: 1
  /** Tactic shortname → name, in matrix order (the facet lists them in this order). */
  readonly tactics: Readonly<Record<string, string>>
  /** Technique id → name, for every technique a rule maps to. */
  readonly techniques: Readonly<Record<string, string>>
  /** Target id → label. */
  readonly targets: Readonly<Record<string, string>>
  readonly docs: readonly SearchDoc[]
}

/** What the second file adds to a rule: only searching descriptions and sorting by newest need it. */
type TextKeys = 'id' | 'description' | 'updated'
export type CoreDoc = Omit<SearchDoc, TextKeys>

/**
 * Column by column (one array per field, `null` where a rule has none): about a fifth fewer
 * gzip bytes than objects. Three columns are packed further (`packColumns`).
 */
export interface SearchCore extends Omit<SearchData, 'docs'> {
  readonly count: number
  readonly columns: { readonly [K in keyof CoreDoc]-?: readonly unknown[] }
}

const CORE_KEYS = [
  'slug',
  'title',
  'severity',
  'riskScore',
  'status',
  'kind',
  'correlation',
  'tactics',
  'techniques',
  'product',
  'category',
  'service',
  'targets',
  'flags',
] as const satisfies readonly (keyof CoreDoc)[]

/**
 * The packing of the core file, for the bytes fetched before the first result (on both
 * corpora about 10 KB gzip of 160): tactics and techniques as their positions in the file's
 * `tactics` and `techniques` names (a value missing there stays a string), and each slug
 * as one character, code 48 + n, for the n leading characters it shares with the slug
 * before it (the docs are in slug order), then the rest.
 */
function packColumns(columns: Record<string, unknown[]>, names: Pick<SearchData, 'tactics' | 'techniques'>): void {
  for (const key of ['tactics', 'techniques'] as const) {
    const position = new Map(Object.keys(names[key]).map((name, i) => [name, i]))
    columns[key] = columns[key]!.map((values) => (values as string[] | null)?.map((v) => position.get(v) ?? v) ?? null)
  }
  let previous = ''
  columns.slug = (columns.slug as string[]).map((slug) => {
    let shared = 0
    while (shared < previous.length && shared < slug.length && shared < 0xffff - 48 && previous[shared] === slug[shared]) shared++
    previous = slug
    return String.fromCharCode(48 + shared) + slug.slice(shared)
  })
}

function unpackColumns(columns: Record<string, readonly unknown[]>, names: Pick<SearchData, 'tactics' | 'techniques'>): Record<string, readonly unknown[]> {
  const out = { ...columns }
  for (const key of ['tactics', 'techniques'] as const) {
    const list = Object.keys(names[key])
    out[key] = columns[key]!.map((values) => (values as (number | string)[] | null)?.map((v) => (typeof v === 'number' ? list[v] : v)) ?? null)
  }
  let previous = ''
  out.slug = (columns.slug as string[]).map((packed) => (previous = previous.slice(0, packed.charCodeAt(0) - 48) + packed.slice(1)))
  return out
}

function toColumns(docs: readonly CoreDoc[], names: Pick<SearchData, 'tactics' | 'techniques'>): SearchCore['columns'] {
  const columns = {} as Record<string, unknown[]>
  for (const key of CORE_KEYS) columns[key] = docs.map((d) => d[key] ?? null)
  packColumns(columns, names)
  return columns as unknown as SearchCore['columns']
}

function fromColumns(core: SearchCore): CoreDoc[] {
  const columns = unpackColumns(core.columns, core)
  return Array.from({ length: core.count }, (_, i) => {
    const doc: Record<string, unknown> = {}
    for (const key of CORE_KEYS) {
      const value = columns[key]![i]
      if (value !== null && value !== undefined) doc[key] = value
    }
    return doc as unknown as CoreDoc
  })
}

export interface SearchText {
  readonly ids: readonly string[]
  readonly descriptions: readonly string[]
  /** `SearchDoc.updated`: only the newest-first sort reads it, so it waits for this file. */
  readonly updated: readonly string[]
}

/** Splits the search data into the two files the browser loads. */
export function splitSearchData(data: SearchData): { core: SearchCore; text: SearchText } {
  return {
    core: {
      version: data.version,
      tactics: data.tactics,
      techniques: data.techniques,
      targets: data.targets,
      count: data.docs.length,
      columns: toColumns(data.docs, data),
    },
    text: { ids: data.docs.map((d) => d.id), descriptions: data.docs.map((d) => d.description), updated: data.docs.map((d) => d.updated) },
  }
}

/** The search data again from the core file, and the text file once it has loaded (until then no ids, descriptions or dates). */
export function joinSearchData(core: SearchCore, text?: SearchText): SearchData {
  return {
    version: core.version,
    tactics: core.tactics,
    techniques: core.techniques,
    targets: core.targets,
    docs: fromColumns(core).map((d, i) => ({
      ...d,
      id: text?.ids[i] ?? '',
      description: text?.descriptions[i] ?? '',
      updated: text?.updated[i] ?? '',
    })),
  }
}

/** Descriptions are cut here: the index carries enough to find and recognise a rule, the page has the rest. */
export const DESCRIPTION_LIMIT = 240

/** A description on one line, cut to `limit` characters (with `…`). */
export function shorten(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > limit ? `${flat.slice(0, limit - 1).trimEnd()}…` : flat
}

export function searchDoc(rule: RuleSummary): SearchDoc {
  const flags = ruleFlags(rule)
  return {
    slug: rule.slug,
    id: rule.id,
    title: rule.title,
    description: shorten(rule.description, DESCRIPTION_LIMIT),
    severity: rule.severity,
    ...(rule.riskScore !== undefined ? { riskScore: rule.riskScore } : {}),
    status: rule.status ?? '—',
    kind: rule.kind === 'native' ? 'native' : 'sigma',
    ...(rule.kind === 'correlation' ? { correlation: true as const } : {}),
    tactics: rule.tactics,
    techniques: rule.techniques,
    ...(rule.logsource?.product ? { product: rule.logsource.product } : {}),
    ...(rule.logsource?.category ? { category: rule.logsource.category } : {}),
    ...(rule.logsource?.service ? { service: rule.logsource.service } : {}),
    targets: rule.targets,
    updated: rule.modified ?? rule.date ?? '',
    ...(flags.length ? { flags } : {}),
  }
}

/** The search data of a catalog: built at build time from the manifest index. */
export function searchData(index: Pick<ManifestIndex, 'rules' | 'tactics' | 'techniques' | 'targets'>): SearchData {
  const used = new Set(index.rules.flatMap((r) => r.techniques))
  const techniques: Record<string, string> = {}
  for (const id of [...used].sort()) techniques[id] = index.techniques[id]?.name ?? id
  return {
    version: 1,
    tactics: Object.fromEntries(index.tactics.map((t) => [t.shortname, t.name])),
    techniques,
    targets: Object.fromEntries(index.targets.map((t) => [t.id, t.label])),
    // Slug order: neighbours share prefixes (`proc-creation-win-…`, `defense-evasion-…`), which gzip
    // turns into about 8% fewer bytes of the search core than title order (180 → 165 KB on both corpora).
    docs: index.rules.map(searchDoc).sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)),
  }
}
