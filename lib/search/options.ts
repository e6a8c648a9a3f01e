import type { Options, SearchOptions } from 'minisearch'
import type { SearchData, SearchDoc } from './documents'

/**
 * Words, and ATT&CK technique ids kept whole (`t1021.003`): the default
 * tokenizer would split them at the dot. UUIDs split at their hyphens, which is
 * fine: an exact id is found by the exact-match tier (`query.ts`), not the index.
 */
export function tokenize(text: string): string[] {
  return text.match(/t\d{4}(?:\.\d{3})?|[\p{L}\p{N}_]+/giu) ?? []
}

export function processTerm(term: string): string | null {
  const lower = term.toLowerCase()
  return lower.length ? lower : null
}

/** The fields the index reads, and how much a match in each counts. */
export const FIELD_BOOSTS = {
  title: 4,
  techniques: 3,
  tactics: 2,
  techniqueNames: 1.5,
  logsource: 1.2,
  description: 1,
} as const

export type SearchField = keyof typeof FIELD_BOOSTS

/** The MiniSearch options the build and the browser share (a prebuilt index only loads with the same ones). */
export function indexOptions(data: Pick<SearchData, 'tactics' | 'techniques'>): Options<SearchDoc & { ix: number }> {
  const fields: Record<SearchField, (doc: SearchDoc) => string> = {
    title: (d) => d.title,
    techniques: (d) => d.techniques.join(' '),
    tactics: (d) => d.tactics.map((t) => `${t} ${data.tactics[t] ?? ''}`).join(' '),
    techniqueNames: (d) => d.techniques.map((t) => data.techniques[t] ?? '').join(' '),
    logsource: (d) => [d.product, d.category, d.service].filter(Boolean).join(' '),
    description: (d) => d.description,
  }
  return {
    idField: 'ix',
    fields: Object.keys(fields),
    extractField: (doc, field) =>
      field === 'ix' ? String(doc.ix) : fields[field as SearchField](doc),
    tokenize,
    processTerm,
  }
}

/**
 * Typing: every term is a prefix (results while the word is half typed); a
 * term of four or more characters also matches within one edit ("movment").
 */
export const QUERY_OPTIONS: SearchOptions = {
  boost: FIELD_BOOSTS,
  prefix: (term) => term.length >= 2,
  fuzzy: (term) => (term.length >= 4 ? 1 : false),
  maxFuzzy: 1,
  combineWith: 'OR',
}
