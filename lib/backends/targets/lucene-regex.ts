import { caseVariants } from '../shared/case-fold'
import { RegexGap, translateRegex, type CodeRange, type RegexEmitter, type RegexFlags, type RegexTranslation } from '../shared/regex-translate'

/**
 * Sigma `|re` → a Lucene regular expression, which matches the whole keyword
 * value and has no flags, anchors, shorthand classes or lookarounds:
 *
 * - each top-level alternative gets `.*` on a side it is not anchored to;
 * - `i` spells letters as classes (`[Cc]`), `.` without `s` becomes "any
 *   character but a line feed" (a class holding a real U+000A);
 * - `\d \w \s` become classes, other escapes literal characters;
 * - whatever has no Lucene equivalent returns a reason instead.
 */
export function toLuceneRegex(pattern: string, flags: RegexFlags): RegexTranslation {
  return translateRegex(pattern, flags, LUCENE)
}

const SPECIAL = new Set('.?+*|{}[]()"\\#@&<>~/'.split(''))
// Query-string parsers accept a backslash only before these characters (the
// npm `lucene` grammar's escape sequences); other specials go in a class.
const BACKSLASHABLE = new Set('+-!(){}[]^"?:\\&|\'/~* '.split(''))
const escapeOutside = (c: string) => (!SPECIAL.has(c) ? c : BACKSLASHABLE.has(c) ? '\\' + c : `[${c}]`)
// Inside a class only `\ [ ] ^ -` are special, and `/` would end the query-string regexp.
const escapeInClass = (c: string) => ('\\[]^-/'.includes(c) ? '\\' + c : c)

const LUCENE: RegexEmitter = {
  name: 'Lucene',
  char: (c, flags) => {
    const variants = flags.i ? caseVariants(c) : [c]
    return variants.length > 1 ? `[${variants.map(escapeInClass).join('')}]` : escapeOutside(c)
  },
  dot: (flags) => (flags.s ? '.' : '[^\n]'),
  cls: (ranges, negated, flags) => `[${negated ? '^' : ''}${ranges.map((r) => rangeText(r, flags)).join('')}]`,
  group: (inner) => `(${inner})`,
  alternative: (core, anchoredStart, anchoredEnd) => {
    if (!core) return anchoredStart && anchoredEnd ? '' : '.*'
    return `${anchoredStart ? '' : '.*'}(${core})${anchoredEnd ? '' : '.*'}`
  },
}

/** A range in a Lucene class, with its other-case characters added under `i`. */
function rangeText({ from, to }: CodeRange, flags: RegexFlags): string {
  const [a, b] = [String.fromCodePoint(from), String.fromCodePoint(to)]
  let text = from === to ? escapeInClass(a) : `${escapeInClass(a)}-${escapeInClass(b)}`
  if (!flags.i) return text
  if (to - from > 512) throw new RegexGap('a case-insensitive range this wide has no Lucene spelling')
  for (let cp = from; cp <= to; cp++) {
    const c = String.fromCodePoint(cp)
    for (const v of caseVariants(c)) if (v !== c && (v.codePointAt(0)! < from || v.codePointAt(0)! > to)) text += escapeInClass(v)
  }
  return text
}
