import { FACET_KEYS, type FacetKey, type Filters } from './facets'

export const SORTS = ['relevance', 'severity', 'newest'] as const
export type Sort = (typeof SORTS)[number]

/** Everything the search shows, as it lives in the URL: `/?q=mmc&tactic=lateral-movement&severity=high`. */
export interface SearchState {
  readonly q: string
  readonly filters: Filters
  readonly sort: Sort
}

export const EMPTY_STATE: SearchState = { q: '', filters: {}, sort: 'relevance' }

/** Reads `?q=…&<facet>=…` (a facet may repeat, or list values with commas) and `sort=`. */
export function parseState(search: string): SearchState {
  const params = new URLSearchParams(search)
  const filters: Partial<Record<FacetKey, string[]>> = {}
  for (const key of FACET_KEYS) {
    const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
    if (values.length) filters[key] = [...new Set(values)]
  }
  const sort = params.get('sort')
  return { q: params.get('q') ?? '', filters, sort: SORTS.includes(sort as Sort) ? (sort as Sort) : 'relevance' }
}

/** The query string of a state (`?q=mmc&tactic=lateral-movement`), or `` for the empty search. */
export function serializeState(state: SearchState): string {
  const params = new URLSearchParams()
  if (state.q.trim()) params.set('q', state.q)
  for (const key of FACET_KEYS) for (const v of state.filters[key] ?? []) params.append(key, v)
  if (state.sort !== 'relevance') params.set('sort', state.sort)
  const text = params.toString()
  return text ? `?${text}` : ''
}

export function toggleFilter(state: SearchState, key: FacetKey, value: string): SearchState {
  const current = state.filters[key] ?? []
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value]
  const filters: Filters = { ...state.filters, [key]: next }
  if (!next.length) delete (filters as Record<string, unknown>)[key]
  return { ...state, filters }
}

/** A link to the search narrowed by `filters`, most severe first: where a page with too many rules to list sends the reader. */
export function searchHref(filters: Filters): string {
  return `/${serializeState({ q: '', filters, sort: 'severity' })}`
}
