import { logsourceSlug } from '../catalog/logsource'
import { RULE_FLAGS, type SearchData, type SearchDoc } from './documents'

/** A facet: its URL key, its label, and the values one document has. */
export interface Facet {
  readonly key: FacetKey
  readonly label: string
  readonly values: (doc: SearchDoc) => readonly string[]
  /** What a value is called on screen (a tactic's name, a target's label). */
  readonly name?: (value: string, data: SearchData) => string
  /** Value order on screen when not by count. */
  readonly order?: (data: SearchData) => readonly string[]
  /**
   * An opt-in facet: a document with one of its values is hidden unless that value
   * is chosen (no choice hides them all), instead of "no choice shows everything".
   */
  readonly optIn?: true
  /** Listed on screen only once chosen (a link from another page narrows by it; the panel offers other facets). */
  readonly linkOnly?: true
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const

const list = (value: string | undefined) => (value ? [value] : [])

const slugs = new WeakMap<SearchDoc, string[]>()
/** A rule's exact log source, as its `/data/<slug>/` page names it (`windows/process_creation`). */
function logsourceOf(doc: SearchDoc): string[] {
  let slug = slugs.get(doc)
  if (!slug) {
    slug = doc.product || doc.category || doc.service ? [logsourceSlug(doc)] : []
    slugs.set(doc, slug)
  }
  return slug
}

const FLAG_NAMES: Record<string, string> = { 'building-block': 'Building-block rules', deprecated: 'Deprecated rules' }

export const FACETS = [
  {
    key: 'tactic',
    label: 'Tactic',
    values: (d) => d.tactics,
    name: (v, data) => data.tactics[v] ?? v,
    order: (data) => Object.keys(data.tactics),
  },
  { key: 'technique', label: 'Technique', values: (d) => d.techniques, name: (v, data) => `${v} ${data.techniques[v] ?? ''}`.trim() },
  { key: 'severity', label: 'Severity', values: (d) => [d.severity], order: () => SEVERITIES },
  { key: 'status', label: 'Status', values: (d) => [d.status] },
  {
    key: 'show',
    label: 'Also show',
    values: (d) => d.flags ?? [],
    name: (v) => FLAG_NAMES[v] ?? v,
    order: () => RULE_FLAGS,
    optIn: true,
  },
  { key: 'logsource', label: 'Log source', values: logsourceOf, linkOnly: true },
  { key: 'product', label: 'Log source product', values: (d) => list(d.product) },
  { key: 'category', label: 'Log source category', values: (d) => list(d.category) },
  { key: 'service', label: 'Log source service', values: (d) => list(d.service) },
  { key: 'kind', label: 'Rule kind', values: (d) => [d.kind], name: (v) => (v === 'sigma' ? 'Sigma' : 'Native query') },
  {
    key: 'target',
    label: 'Converts to',
    values: (d) => d.targets,
    name: (v, data) => data.targets[v] ?? v,
    order: (data) => Object.keys(data.targets),
  },
] as const satisfies readonly (Facet & { key: string })[]

export type FacetKey = 'tactic' | 'technique' | 'severity' | 'status' | 'show' | 'logsource' | 'product' | 'category' | 'service' | 'kind' | 'target'

export const FACET_KEYS: readonly FacetKey[] = FACETS.map((f) => f.key)

/**
 * Chosen values per facet: within a facet any value may match, across facets all must.
 * The opt-in facet (`show`) instead lets through the documents whose values are all chosen.
 */
export type Filters = Partial<Record<FacetKey, readonly string[]>>

export function matchesFilters(doc: SearchDoc, filters: Filters, except?: FacetKey): boolean {
  for (const facet of FACETS) {
    if (facet.key === except) continue
    const chosen = filters[facet.key] ?? []
    const values = facet.values(doc)
    if ('optIn' in facet) {
      if (values.some((v) => !chosen.includes(v))) return false
      continue
    }
    if (!chosen.length) continue
    if (!chosen.some((v) => values.includes(v))) return false
  }
  return true
}

export interface FacetCount {
  readonly value: string
  readonly name: string
  readonly count: number
  readonly selected: boolean
}

/**
 * Counts per facet value over the documents that match the query and every
 * other facet's filter (so choosing a tactic still shows how many rules each
 * other tactic would add). Values chosen in the URL are listed even at 0.
 */
export function facetCounts(data: SearchData, matched: readonly SearchDoc[], filters: Filters): Record<FacetKey, FacetCount[]> {
  const out = {} as Record<FacetKey, FacetCount[]>
  for (const facet of FACETS) {
    const counts = new Map<string, number>()
    for (const doc of matched)
      if (matchesFilters(doc, filters, facet.key)) for (const v of facet.values(doc)) counts.set(v, (counts.get(v) ?? 0) + 1)
    const chosen = filters[facet.key] ?? []
    for (const v of chosen) if (!counts.has(v)) counts.set(v, 0)
    const order: readonly string[] = 'order' in facet ? facet.order(data) : []
    const rank = (v: string) => {
      const i = order.indexOf(v)
      return i === -1 ? order.length : i
    }
    out[facet.key] = [...counts.entries()]
      .map(([value, count]) => ({
        value,
        count,
        name: 'name' in facet ? facet.name(value, data) : value,
        selected: chosen.includes(value),
      }))
      .sort((a, b) => (order.length ? rank(a.value) - rank(b.value) : 0) || b.count - a.count || a.value.localeCompare(b.value))
  }
  return out
}
