import type { SigmaString } from '../../sigma/sigma-string'
import { writePattern } from './pattern'

/** Characters with a meaning in Lucene's regexp syntax (all optional operators on). */
const LUCENE_REGEX_SPECIAL = /[.?+*|{}[\]()"\\#@&<>~^$]/g

/** Escapes literal text for a Lucene regexp. */
export function luceneRegexLiteral(text: string): string {
  return text.replace(LUCENE_REGEX_SPECIAL, '\\$&')
}

/**
 * A Sigma wildcard value as an (anchored, whole-value) Lucene regexp: for
 * languages whose wildcard patterns cannot escape a literal `*` or `?`
 * (EQL `:`/`like`), the value is matched with `regex` instead.
 */
export function sigmaStringToLuceneRegex(value: SigmaString): string {
  return writePattern(value, { literal: luceneRegexLiteral, many: '.*', one: '.' })
}
