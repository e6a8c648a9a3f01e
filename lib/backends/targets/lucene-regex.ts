import { caseVariants } from '../shared/case-fold'

/**
 * Sigma `|re` (an unanchored search, PCRE subset, evaluated like RE2) → a
 * Lucene regular expression, which must match the whole keyword value and
 * has no flags, anchors, shorthand classes or lookarounds:
 *
 * - each top-level alternative gets `.*` on a side it is not anchored to
 *   (`^`/`$` are allowed only at its ends);
 * - `i` spells letters as classes (`[Cc]`), `.` without `s` becomes "any
 *   character but a line feed" (a class holding a real U+000A);
 * - `\d \w \s` become classes, other escapes literal characters;
 * - whatever has no Lucene equivalent returns a reason instead.
 */
export type RegexTranslation = { readonly ok: true; readonly regex: string } | { readonly ok: false; readonly reason: string }

export function toLuceneRegex(pattern: string, flags: { readonly i: boolean; readonly m: boolean; readonly s: boolean }): RegexTranslation {
  let source = pattern
  let { i, m, s } = flags
  const inline = /^\(\?([ims]+)\)/.exec(source)
  if (inline) {
    i ||= inline[1]!.includes('i')
    m ||= inline[1]!.includes('m')
    s ||= inline[1]!.includes('s')
    source = source.slice(inline[0].length)
  }
  try {
    const alternatives = hoistAnchors(source).flatMap((alternative) => new Parser(alternative, i, s, m).top())
    return { ok: true, regex: alternatives.join('|') }
  } catch (error) {
    if (error instanceof RegexGap) return { ok: false, reason: error.message }
    throw error
  }
}

class RegexGap extends Error {}

/**
 * Top-level alternatives, with a leading group whose alternatives start with
 * `^` (or a trailing one whose alternatives end with `$`) distributed over
 * them: `(^|/)x` → `^x`, `/x`; `(^a$)|(^b$)` → `^a$`, `^b$`. Anchors then
 * sit only at the ends of alternatives, where Lucene's whole-value match can
 * say them.
 */
function hoistAnchors(source: string): string[] {
  const out: string[] = []
  for (const alternative of splitTop(source)) {
    const lead = groupAt(alternative, 0)
    if (lead && !/^[*+?{]/.test(alternative.slice(lead.end))) {
      const inner = splitTop(lead.body)
      const rest = alternative.slice(lead.end)
      if (inner.some((a) => a.startsWith('^') || a.endsWith('$'))) {
        out.push(...inner.flatMap((a) => hoistAnchors(a + rest)))
        continue
      }
    }
    out.push(alternative)
  }
  return out
}

/** Splits at `|` outside groups and classes. */
function splitTop(source: string): string[] {
  const parts: string[] = []
  let depth = 0
  let inClass = false
  let start = 0
  for (let k = 0; k < source.length; k++) {
    const c = source[k]
    if (c === '\\') k++
    else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, k))
      start = k + 1
    }
  }
  parts.push(source.slice(start))
  return parts
}

/** A plain or `(?:…)` group starting at `at`: its body and the index after its `)`. */
function groupAt(source: string, at: number): { body: string; end: number } | undefined {
  if (source[at] !== '(' || (source[at + 1] === '?' && source[at + 2] !== ':')) return undefined
  const open = source[at + 1] === '?' ? at + 3 : at + 1
  let depth = 1
  let inClass = false
  for (let k = open; k < source.length; k++) {
    const c = source[k]
    if (c === '\\') k++
    else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return { body: source.slice(open, k), end: k + 1 }
  }
  return undefined
}

const LF = '\n'
const SPECIAL = new Set('.?+*|{}[]()"\\#@&<>~/'.split(''))
const SHORTHAND: Record<string, string> = { d: '0-9', w: '0-9A-Z_a-z', s: `\t${LF}\f\r ` }
const CONTROL: Record<string, string> = { t: '\t', n: LF, r: '\r', f: '\f', v: '\v' }

// Query-string parsers accept a backslash only before these characters (the
// npm `lucene` grammar's escape sequences); other specials go in a class.
const BACKSLASHABLE = new Set('+-!(){}[]^"?:\\&|\'/~* '.split(''))
const escapeOutside = (c: string) => (!SPECIAL.has(c) ? c : BACKSLASHABLE.has(c) ? '\\' + c : `[${c}]`)
// Inside a class only `\ [ ] ^ -` are special, and `/` would end the query-string regexp.
const escapeInClass = (c: string) => ('\\[]^-/'.includes(c) ? '\\' + c : c)

class Parser {
  private pos = 0
  constructor(
    private readonly src: string,
    private readonly i: boolean,
    private readonly s: boolean,
    private readonly m: boolean,
  ) {}

  top(): string[] {
    const alternatives: string[] = []
    for (;;) {
      let start = '.*'
      let end = '.*'
      if (this.src[this.pos] === '^') {
        if (this.m) throw new RegexGap('a `^` with the multi-line flag has no Lucene equivalent')
        this.pos++
        start = ''
      }
      let body = this.sequence(true)
      if (body.endsWith('\u0000$')) {
        body = body.slice(0, -2)
        end = ''
      }
      const core = body ? `(${body})` : ''
      alternatives.push(start && end && !core ? '.*' : start + core + end)
      if (this.pos >= this.src.length) return alternatives
      this.pos++ // '|'
    }
  }

  private alternation(): string {
    const parts = [this.sequence(false)]
    while (this.src[this.pos] === '|') {
      this.pos++
      parts.push(this.sequence(false))
    }
    return parts.join('|')
  }

  private sequence(top: boolean): string {
    let out = ''
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!
      if (c === '|' || c === ')') {
        if (c === ')' && top) throw new RegexGap('unbalanced `)` in the regex')
        break
      }
      if (c === '$') {
        this.pos++
        const next = this.src[this.pos]
        if (!top || this.m || (next !== undefined && next !== '|')) throw new RegexGap('a `$` anywhere but at the end has no Lucene equivalent')
        return out + '\u0000$'
      }
      if (c === '^') throw new RegexGap('a `^` anywhere but at the start has no Lucene equivalent')
      out += this.quantified(this.atom())
    }
    return out
  }

  private atom(): string {
    const c = this.src[this.pos++]!
    if (c === '(') {
      if (this.src[this.pos] === '?') {
        if (this.src.startsWith('?:', this.pos)) this.pos += 2
        else throw new RegexGap('lookarounds, named groups and inline flags inside a regex have no Lucene equivalent')
      }
      const inner = this.alternation()
      if (this.src[this.pos++] !== ')') throw new RegexGap('unbalanced `(` in the regex')
      return `(${inner})`
    }
    if (c === '[') return this.charClass()
    if (c === '.') return this.s ? '.' : `[^${LF}]`
    if (c === '\\') return this.escape(false)
    if ('*+?'.includes(c) || (c === '{' && /^\d+(,\d*)?\}/.test(this.src.slice(this.pos))))
      throw new RegexGap(`a quantifier \`${c}\` with nothing to repeat`)
    return this.literal(c)
  }

  private literal(c: string): string {
    if (!this.i) return escapeOutside(c)
    const variants = caseVariants(c)
    return variants.length > 1 ? `[${variants.map(escapeInClass).join('')}]` : escapeOutside(c)
  }

  private escape(inClass: boolean): string {
    const c = this.src[this.pos++]
    if (c === undefined) throw new RegexGap('a trailing backslash in the regex')
    if (c in SHORTHAND) return inClass ? SHORTHAND[c]! : `[${SHORTHAND[c]}]`
    if (c.toLowerCase() in SHORTHAND) {
      if (inClass) throw new RegexGap(`\`\\${c}\` inside a class has no Lucene equivalent`)
      return `[^${SHORTHAND[c.toLowerCase()]}]`
    }
    if (c in CONTROL) return CONTROL[c]!
    if (c === 'x' && /^[0-9a-fA-F]{2}/.test(this.src.slice(this.pos))) {
      const char = String.fromCharCode(parseInt(this.src.slice(this.pos, this.pos + 2), 16))
      this.pos += 2
      return inClass ? escapeInClass(char) : this.literal(char)
    }
    if (/[A-Za-z0-9]/.test(c)) throw new RegexGap(`the escape \`\\${c}\` has no Lucene equivalent`)
    return inClass ? escapeInClass(c) : this.literal(c)
  }

  private charClass(): string {
    let out = '['
    if (this.src[this.pos] === '^') {
      out += '^'
      this.pos++
    }
    let first = true
    for (;;) {
      const c = this.src[this.pos]
      if (c === undefined) throw new RegexGap('unterminated `[` in the regex')
      if (c === ']' && !first) break
      first = false
      this.pos++
      if (c === '[' && this.src[this.pos] === ':') throw new RegexGap('POSIX classes have no Lucene equivalent')
      const low = c === '\\' ? this.escape(true) : escapeInClass(c)
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== undefined) {
        this.pos++
        const h = this.src[this.pos++]!
        const high = h === '\\' ? this.escape(true) : escapeInClass(h)
        out += `${low}-${high}` + this.foldRange(unescape(low), unescape(high))
      } else out += low + (low.length <= 2 && this.i ? this.fold(unescape(low)) : '')
    }
    this.pos++
    return out + ']'
  }

  private fold(char: string): string {
    return caseVariants(char).filter((v) => v !== char).map(escapeInClass).join('')
  }

  private foldRange(low: string, high: string): string {
    if (!this.i) return ''
    const [a, b] = [low.codePointAt(0)!, high.codePointAt(0)!]
    if (b - a > 512) throw new RegexGap('a case-insensitive range this wide has no Lucene spelling')
    let extra = ''
    for (let cp = a; cp <= b; cp++) extra += this.fold(String.fromCodePoint(cp))
    return extra
  }

  private quantified(atom: string): string {
    const c = this.src[this.pos]
    let q = ''
    if (c === '*' || c === '+' || c === '?') {
      q = c
      this.pos++
    } else if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos))
      if (!match) return atom
      q = match[0]
      this.pos += match[0].length
    } else return atom
    const lazy = this.src[this.pos]
    if (lazy === '?') this.pos++ // laziness does not change what a whole-value match accepts
    else if (lazy === '+') throw new RegexGap('possessive quantifiers have no Lucene equivalent')
    return atom + q
  }
}

function unescape(text: string): string {
  return text.startsWith('\\') ? text.slice(1) : text
}
