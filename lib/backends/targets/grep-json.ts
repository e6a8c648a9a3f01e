import { ANY_CHARS, isAnyChars, normalizeSigmaString, plainText, type SigmaString } from '../../sigma/sigma-string'
import { foldCase } from '../../sigma/wildcard'
import { caseVariants, foldsWiderThanCase } from '../shared/case-fold'
import { writePattern } from '../shared/pattern'

/**
 * PCRE pieces for JSON lines as `JSON.stringify` writes them: a value is
 * looked for inside its own `"field":"value"` pair, spelled the way JSON
 * escapes it (`\` as `\\`, `"` as `\"`, control characters as `\n`/`\u0001`).
 */
export const PCRE_SPECIAL = /[\\^$.|?*+()[\]{}\/-]/g
/** Specials get a backslash; control characters (a line break, NUL from the UTF-16 modifiers) become `\x{hh}`, which a one-line shell argument can hold. */
export const pcreEscape = (text: string) =>
  text.replace(PCRE_SPECIAL, '\\$&').replace(/[\x00-\x1f\x7f]/g, (c) => `\\x{${c.charCodeAt(0).toString(16)}}`)

/** The JSON spelling of a text, without the quotes. */
export const jsonEscape = (text: string) => JSON.stringify(text).slice(1, -1)

/** A high surrogate escape followed by a low one: one character outside the BMP, as writers that escape non-ASCII spell it. */
const SURROGATE_PAIR_ESCAPE = '\\\\u[dD][89abAB][0-9a-fA-F]{2}\\\\u[dD][c-fC-F][0-9a-fA-F]{2}'

/**
 * One character of JSON string content (a plain character or one escape; an
 * escaped surrogate pair is one character, as the evaluator counts code
 * points), defined once at the head of the pattern and called as `(?&c)`: a
 * subroutine keeps patterns with hundreds of wildcards within grep's size limits.
 */
export const JSON_CHAR = '(?&c)'
/** The body of any other `\\uXXXX` escape (after the backslash): not the first half of an escaped pair. */
export const LONE_UNIT_ESCAPE = 'u(?![dD][89abAB][0-9a-fA-F]{2}\\\\u[dD][c-fC-F])[0-9a-fA-F]{4}'
export const JSON_CHAR_DEFINITION = `(?(DEFINE)(?<c>[^"\\\\]|${SURROGATE_PAIR_ESCAPE}|\\\\(?:${LONE_UNIT_ESCAPE}|[^u])))`

/**
 * A text as JSON.stringify writes it: `\` as `\\`, `"` as `\"`, control characters escaped, every other
 * character raw, including those outside the BMP and the rest of non-ASCII. (A writer that escapes non-ASCII
 * as `\uXXXX`, such as Python's `json.dumps` by default, spells values differently.)
 */
export function jsonLiteral(text: string): string {
  return pcreEscape(jsonEscape(text))
}

/** `"field"\s*:\s*` — the key of a member, exactly. */
export function jsonKey(field: string): string {
  return `"${jsonLiteral(field)}"\\s*:\\s*`
}

/** The content of a JSON string holding a value that matches the Sigma pattern (compared with case unless `cased` is false). */
export function jsonStringContent(value: SigmaString, cased: boolean): string {
  return writePattern(value, { literal: (t) => valueLiteral(t, cased), many: `${JSON_CHAR}*`, one: JSON_CHAR })
}

/**
 * A value's literal text, for a `(?i:…)` around it unless `cased`. The evaluator compares values by
 * lowercase, while PCRE's `(?i)` folds case, which also equates `s` with `ſ` and `σ` with `ς`: such a
 * character is spelled as its case variants with case respected, `(?-i:[Ss])`. (Rule regexes keep
 * PCRE's folding: the evaluator runs them on RE2, which folds the same way.)
 */
function valueLiteral(text: string, cased: boolean): string {
  if (cased) return jsonLiteral(text)
  let out = ''
  let run = ''
  for (const char of text) {
    if (!foldsWiderThanCase(char)) {
      run += char
      continue
    }
    out += `${jsonLiteral(run)}(?-i:[${caseVariants(char).join('')}])`
    run = ''
  }
  return out + jsonLiteral(run)
}

/** After a member's value: the next member or the end of the object. */
export const VALUE_END = '(?=\\s*[,}])'

/** Drops `*` at either end: on a raw line every value is looked for as a substring anyway. */
export function trimAnyChars(value: SigmaString): SigmaString {
  const start = isAnyChars(value[0]) ? 1 : 0
  const end = value.length > start && isAnyChars(value[value.length - 1]) ? -1 : undefined
  return value.slice(start, end)
}

/** One character of a bare JSON scalar: a number or `true`/`false` (`null` too, kept out by `NOT_NULL`). */
export const BARE_CHAR = '[-+.0-9a-zA-Z]'

/** Not a `null` value, which has no text for the evaluator (a pattern of bare characters would match it). */
export const NOT_NULL = `(?!null${VALUE_END})`

/**
 * A value as a bare JSON number or boolean. The evaluator compares those by
 * the text `String` gives them, which is how JSON.stringify writes them
 * (`55`, `1e+21`, `0` for -0, `true`). A plain value takes this branch only
 * when it is such a text (`1`, `TRUE` unless cased; not `01`, `-0`, `1.50`),
 * one with wildcards when its literal parts hold only characters of numbers
 * and booleans; otherwise undefined. Folded with `(?i:…)` unless `cased`.
 */
export function jsonBareContent(value: SigmaString, cased: boolean): string | undefined {
  const fold = (text: string) => (cased ? text : foldCase(text))
  const plain = plainText(value)
  const literals = value.filter((t): t is string => typeof t === 'string')
  if (plain !== undefined ? !isScalarText(plain, fold) : !literals.every((t) => /^[-+.\detrufals]*$/i.test(t))) return undefined
  const pattern = (plain === undefined ? NOT_NULL : '') + writePattern(value, { literal: pcreEscape, many: `${BARE_CHAR}*`, one: BARE_CHAR })
  return cased || !literals.some((t) => /[a-z]/i.test(t)) ? pattern : `(?i:${pattern})`
}

/** Whether a text is `String(x)` (up to `fold`) of a finite number or a boolean: a scalar JSON writes bare. */
function isScalarText(text: string, fold: (text: string) => string): boolean {
  const number = Number(text)
  return fold(text) === 'true' || fold(text) === 'false' || (Number.isFinite(number) && fold(String(number)) === fold(text))
}

/**
 * A keyword (field-less) value: the reference evaluator looks for it inside
 * any scalar of the event (as `*keyword*`), so inside any string member, or
 * inside a bare number or boolean (`jsonBareContent`), never in a key. Read
 * from the start of the line (where every lookahead of a grep pattern
 * stands), stepping over whole strings, so that it starts outside them:
 * `{"a,5}":"x"}` has no value 5. One pass, where a test made at each
 * candidate would rescan the line (quadratic on a long key full of `,5`).
 */
export function jsonKeyword(value: SigmaString, cased: boolean): string {
  const core = trimAnyChars(value)
  const fold = (p: string) => (cased ? p : `(?i:${p})`)
  const inString = `"${JSON_CHAR}*${fold(jsonStringContent(core, cased))}${JSON_CHAR}*"`
  const bare = jsonBareContent(normalizeSigmaString([ANY_CHARS, ...core, ANY_CHARS]), cased)
  return `(?>"${JSON_CHAR}*+"|[^"])*?[:\\[,]\\s*(?:${inString}${bare === undefined ? '' : `|${bare}`})${VALUE_END}`
}

/**
 * A rule regex made safe for GNU grep 3.8 `-P`, whose `\S`, `\W` and `\D`
 * fail to match any non-ASCII character (while `[^\s]` works): outside
 * classes they are rewritten as negated classes.
 */
export function grepRegex(pattern: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\') {
      const next = pattern[i + 1] ?? ''
      out += !inClass && 'SWD'.includes(next) && next !== '' ? `[^\\${next.toLowerCase()}]` : c + next
      i++
    } else {
      if (c === '[') inClass = true
      else if (c === ']') inClass = false
      out += c
    }
  }
  return out
}
