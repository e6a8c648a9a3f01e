import { translateRegex, type CodeRange, type RegexEmitter, type RegexTranslation } from '../shared/regex-translate'
import { BARE_CHAR, JSON_CHAR, jsonEscape, jsonLiteral, LONE_UNIT_ESCAPE, pcreEscape } from './grep-json'

/**
 * Sigma `|re` → PCRE over a value as JSON writes it, so grep can run a rule
 * regex inside one `"field":"value"` member. Each construct matches whole
 * JSON characters (a plain character or one escape such as `\"`, `\\`, `\n`),
 * so the match never splits an escape:
 *
 * - a literal is its JSON spelling (`\` → `\\\\`, `"` → `\\"`); a character
 *   outside the BMP is one character (RE2 reads code points), written raw as
 *   JSON.stringify writes it;
 * - `.` is `(?&c)`, one JSON character (not `\n` unless `s`);
 * - a class matches plain characters in the set, never a bare `"` or `\`,
 *   plus the escapes of the quote, backslash and control characters it holds;
 * - `^`/`$` are the ends of the string; `i` is PCRE's `(?i:…)`.
 *
 * `jsonBareRegex` is the same for a bare JSON number or boolean, which the
 * evaluator matches as its text (`4624`, `true`).
 */
export function jsonStringRegex(pattern: string, flags: { i: boolean; m: boolean; s: boolean }): RegexTranslation {
  return translateRegex(pattern, flags, JSON_STRING)
}

export function jsonBareRegex(pattern: string, flags: { i: boolean; m: boolean; s: boolean }): RegexTranslation {
  return translateRegex(pattern, flags, JSON_BARE)
}

/** The characters JSON.stringify escapes: `"`, `\` and the controls below U+0020. */
const SPECIALS = [0x22, 0x5c, ...Array.from({ length: 0x20 }, (_, i) => i)]
const SHORT_ESCAPES: Readonly<Record<number, string>> = { 0x22: '\\"', 0x5c: '\\\\', 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' }
/**
 * The JSON escapes of some special characters, as one compact alternative:
 * `\\(?:["bn]|u…)`. When every control without a short escape is held, any
 * `\uXXXX` is accepted (JSON.stringify also writes lone surrogates that way).
 */
function escapesOf(held: readonly number[]): string[] {
  if (held.length === 0) return []
  const letters = held.filter((cp) => cp in SHORT_ESCAPES).map((cp) => SHORT_ESCAPES[cp]!.slice(1))
  const long = held.filter((cp) => !(cp in SHORT_ESCAPES))
  const allLong = long.length === SPECIALS.filter((cp) => !(cp in SHORT_ESCAPES)).length
  const unicode = allLong ? [LONE_UNIT_ESCAPE] : long.map((cp) => `u${cp.toString(16).padStart(4, '0')}`)
  const short = letters.length === 0 ? [] : [`[${letters.map((l) => (l === '\\' ? '\\\\' : l)).join('')}]`]
  return [`\\\\(?:${[...short, ...unicode].join('|')})`]
}

const inRanges = (ranges: readonly CodeRange[], cp: number) => ranges.some((r) => r.from <= cp && cp <= r.to)
const classText = (ranges: readonly CodeRange[]) =>
  ranges.map(({ from, to }) => (from === to ? `\\x{${from.toString(16)}}` : `\\x{${from.toString(16)}}-\\x{${to.toString(16)}}`)).join('')

const JSON_STRING: RegexEmitter = {
  name: 'JSON-escaped PCRE',
  char: (c) => {
    const spelled = jsonLiteral(c)
    return c.length === 1 && spelled.length > 1 && jsonEscape(c) !== c ? `(?:${spelled})` : spelled
  },
  dot: (flags) => (flags.s ? JSON_CHAR : `(?:(?!\\\\n)${JSON_CHAR})`),
  cls: (ranges, negated) => {
    // Under `i`, PCRE folds the plain class; the specials have no case.
    const held = SPECIALS.filter((cp) => inRanges(ranges, cp) !== negated)
    const bareQuote = inRanges(ranges, 0x22) || inRanges(ranges, 0x5c)
    const plain = negated ? `[^${classText(ranges)}"\\\\\\x00-\\x1f]` : `${bareQuote ? '(?!["\\\\])' : ''}[${classText(ranges)}]`
    const escapes = escapesOf(held)
    return escapes.length === 0 && !bareQuote ? plain : `(?:${[plain, ...escapes].join('|')})`
  },
  group: (inner) => `(?:${inner})`,
  alternative: (core, anchoredStart, anchoredEnd) => `${anchoredStart ? '' : `${JSON_CHAR}*?`}(?:${core})${anchoredEnd ? '' : `${JSON_CHAR}*`}`,
  repeat: callRepeated,
}

/**
 * PCRE2 compiles `X{1,256}` as 256 copies of X, and a JSON character class is
 * a group of a hundred code units or more, so `[^\\]{1,256}` alone would pass
 * PCRE2's 64K limit. A long atom counted more than a few times is written once
 * as a group and repeated as a call to it: `(X)(?-1){0,255}`. Calls are not
 * atomic in PCRE2 (10.30 and later), so the match is the same.
 */
function callRepeated(atom: string, quantifier: string): string {
  const counted = /^\{(\d+)(?:(,)(\d*))?\}$/.exec(quantifier)
  // A class or character is counted by one opcode; only a group is copied.
  if (!counted || !atom.startsWith('(') || atom.length < 24) return atom + quantifier
  const min = Number(counted[1])
  const max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3])
  if (Math.max(min, max === Infinity ? min : max) <= 4) return atom + quantifier
  // `(?-n)` counts groups back from the call: this one and the calls' own groups inside the atom.
  const call = `(?-${1 + capturingGroups(atom)})`
  const rest = `{${Math.max(0, min - 1)}${max === min ? '' : `,${max === Infinity ? '' : max - 1}`}}`
  const repeated = `(${atom})${call}${rest}`
  return min === 0 ? `(?:${repeated})?` : repeated
}

/** Capturing groups in emitted PCRE: only `callRepeated` makes them (literal parentheses are escaped, classes use `\x{…}`). */
function capturingGroups(regex: string): number {
  let count = 0
  for (const [token] of regex.matchAll(/\\.|\((?!\?)/g)) if (token === '(') count++
  return count
}

const JSON_BARE: RegexEmitter = {
  name: 'bare JSON scalar',
  char: (c) => (/[-+.0-9a-zA-Z]/.test(c) ? pcreEscape(c) : '(?!)'),
  dot: () => BARE_CHAR,
  cls: (ranges, negated) => `(?=${BARE_CHAR})[${negated ? '^' : ''}${classText(ranges)}]`,
  group: (inner) => `(?:${inner})`,
  alternative: (core, anchoredStart, anchoredEnd) => `${anchoredStart ? '' : `${BARE_CHAR}*?`}(?:${core})${anchoredEnd ? '' : `${BARE_CHAR}*`}`,
}
