import type { Finding } from './oracle'

/**
 * Findings of the fuzzer that are reported to their module's owners and not
 * fixed yet. A campaign counts them apart and does not fail on them; each has
 * a minimized case in `findings.test.ts`. Remove an entry when its fix lands.
 */
export interface KnownFinding {
  readonly id: string
  readonly matches: (finding: Finding) => boolean
  readonly note: string
}

export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  {
    id: 'sqlite-nul',
    note:
      'sqlite: a value holding NUL (the UTF-16 modifiers make them) is written raw into the SQL text; SQLite ends the ' +
      'statement at the NUL ("unrecognized token"), and LIKE stops at a NUL anyway. Needs char(0) or an Unsupported.',
    matches: (f) => f.kind === 'engine-error' && f.where.startsWith('sqlite') && /unrecognized token|incomplete input/.test(f.message) && /\0/.test(f.detail ?? ''),
  },
  {
    id: 'grep-jsonl-empty-keyword',
    note:
      'grep jsonl: a keyword with no literal text (`*`, `\'\'`) is looked for only in string members, so it misses an ' +
      'event whose only value is a number or boolean, which the evaluator matches (grep-json.ts jsonKeyword).',
    matches: (f) => f.kind === 'disagreement' && f.where === 'grep-jsonl' && /\(\?&c\)\*(?:\(\?i:\))?\(\?&c\)\*"/.test(f.detail ?? ''),
  },
  {
    id: 'lucene-mixed-field-types',
    note:
      'lucene harness: a field the rule uses both as a number (lt/gt…) or ip/boolean and as text has no single ' +
      'Elasticsearch mapping; the evaluator rejects the query for the type it picked, or ES numeric coercion ' +
      '("031" = 31) differs from the evaluator\'s equality by text. Generated rules mix types on one field; real rules rarely do.',
    matches: (f) =>
      f.where.startsWith('lucene') &&
      ((f.kind === 'engine-error' && /on a (?:number|ip) field|is not a boolean|range on a \w+ field/.test(f.message)) ||
        (f.kind === 'disagreement' && /:[{[][^\]}]* TO /.test(f.detail ?? ''))),
  },
]

export function knownFinding(finding: Finding): KnownFinding | undefined {
  return KNOWN_FINDINGS.find((known) => known.matches(finding))
}
