import MiniSearch, { type SearchResult as MiniResult } from 'minisearch'
import type { SearchData, SearchDoc } from './documents'
import { facetCounts, matchesFilters, SEVERITIES, type FacetCount, type FacetKey } from './facets'
import { indexOptions, processTerm, QUERY_OPTIONS, tokenize, type SearchField } from './options'
import type { SearchState } from './url-state'

export interface SearchResult {
  readonly doc: SearchDoc
  /** Exact title, id, technique id or tactic name: ranked before every other match. */
  readonly exact: boolean
}

export interface SearchAnswer {
  readonly results: readonly SearchResult[]
  readonly facets: Record<FacetKey, FacetCount[]>
  /** Rules that match everything but are hidden by the opt-in `show` facet (deprecated, building blocks). */
  readonly hidden: number
}

type Indexed = SearchDoc & { ix: number }

const CORE_FIELDS: readonly SearchField[] = ['title', 'techniques', 'tactics', 'techniqueNames', 'logsource']
const TEXT_FIELDS: readonly SearchField[] = ['description']

/**
 * The search over one catalog: MiniSearch for words (prefix, one typo), an exact
 * tier on top (a rule's exact title, id or slug, one of its technique ids, or one
 * of its tactics by shortname or name), facets and sorts on the matched rules.
 *
 * Two indexes: the core fields (title, ATT&CK, log source) from the first file,
 * and descriptions, added with `addText` once the second file has loaded. A
 * query's terms must each match somewhere in either (AND); when no rule has
 * them all, any term will do (OR).
 */
export class SearchEngine {
  private data: SearchData
  private readonly core: MiniSearch<Indexed>
  private text: MiniSearch<Indexed> | null = null
  private readonly severityRank = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]))

  constructor(data: SearchData) {
    this.data = data
    this.core = this.buildIndex(CORE_FIELDS, data.docs)
    if (data.docs.some((d) => d.description)) this.text = this.buildIndex(TEXT_FIELDS, data.docs)
  }

  /** The documents again with their ids and descriptions, and an index of the descriptions. */
  addText(data: SearchData): void {
    this.data = data
    this.text = this.buildIndex(TEXT_FIELDS, data.docs)
  }

  get docs(): readonly SearchDoc[] {
    return this.data.docs
  }

  get catalog(): SearchData {
    return this.data
  }

  /** The rules matching `state`, in its order, and the facet counts. */
  search(state: SearchState): SearchAnswer {
    const matched = this.match(state.q)
    const results = matched.filter((r) => matchesFilters(r.doc, state.filters))
    const hidden = matched.filter((r) => matchesFilters(r.doc, state.filters, 'show')).length - results.length
    const sorted =
      state.sort === 'severity'
        ? [...results].sort((a, b) => this.bySeverity(a.doc, b.doc))
        : state.sort === 'newest'
          ? [...results].sort((a, b) => b.doc.updated.localeCompare(a.doc.updated) || this.bySeverity(a.doc, b.doc))
          : results
    return {
      results: sorted,
      facets: facetCounts(
        this.data,
        matched.map((r) => r.doc),
        state.filters,
      ),
      hidden,
    }
  }

  private buildIndex(fields: readonly SearchField[], docs: readonly SearchDoc[]): MiniSearch<Indexed> {
    const mini = new MiniSearch<Indexed>({ ...indexOptions(this.data), fields: [...fields] })
    mini.addAll(docs.map((doc, ix) => ({ ...doc, ix })))
    return mini
  }

  /** Relevance order: the exact tier, then the words' score; no query lists every rule, most severe first. */
  private match(q: string): SearchResult[] {
    const query = q.trim()
    if (!query) return [...this.data.docs].sort((a, b) => this.bySeverity(a, b)).map((doc) => ({ doc, exact: false }))
    const exact = this.data.docs.filter((doc) => this.isExact(doc, query.toLowerCase()))
    const exactSet = new Set(exact)
    const rest = this.words(query)
      .map((ix) => this.data.docs[ix]!)
      .filter((doc) => !exactSet.has(doc))
    return [
      ...exact.sort((a, b) => this.bySeverity(a, b)).map((doc) => ({ doc, exact: true })),
      ...rest.map((doc) => ({ doc, exact: false })),
    ]
  }

  /** Document indexes by score: every term matched (AND), else any (OR). */
  private words(query: string): number[] {
    const terms = tokenize(query).flatMap((t) => processTerm(t) ?? [])
    const perTerm = terms.map((term) => {
      const scores = new Map<number, number>()
      const add = (hits: MiniResult[]) => {
        for (const h of hits) scores.set(h.id as number, (scores.get(h.id as number) ?? 0) + h.score)
      }
      add(this.core.search(term, QUERY_OPTIONS))
      if (this.text) add(this.text.search(term, QUERY_OPTIONS))
      return scores
    })
    if (!perTerm.length) return []
    const total = new Map<number, number>()
    const all = perTerm.reduce<Set<number> | null>(
      (acc, scores) => new Set([...scores.keys()].filter((ix) => !acc || acc.has(ix))),
      null,
    )!
    for (const scores of perTerm) for (const [ix, score] of scores) if (all.size === 0 || all.has(ix)) total.set(ix, (total.get(ix) ?? 0) + score)
    return [...total.entries()].sort((a, b) => b[1] - a[1]).map(([ix]) => ix)
  }

  private isExact(doc: SearchDoc, q: string): boolean {
    if (doc.title.toLowerCase() === q || (doc.id && doc.id.toLowerCase() === q) || doc.slug === q) return true
    if (doc.techniques.some((t) => t.toLowerCase() === q)) return true
    return doc.tactics.some((t) => t === q || t.replace(/-/g, ' ') === q || (this.data.tactics[t] ?? '').toLowerCase() === q)
  }

  private bySeverity(a: SearchDoc, b: SearchDoc): number {
    return (
      (this.severityRank.get(a.severity) ?? 9) - (this.severityRank.get(b.severity) ?? 9) ||
      (b.riskScore ?? 0) - (a.riskScore ?? 0) ||
      a.title.localeCompare(b.title, 'en')
    )
  }
}

/** A prebuilt index of every field (`MiniSearch#toJSON`): measured against shipping the documents (bench, README). */
export function serializeIndex(data: SearchData): string {
  const mini = new MiniSearch<Indexed>(indexOptions(data))
  mini.addAll(data.docs.map((doc, ix) => ({ ...doc, ix })))
  return JSON.stringify(mini)
}
