/**
 * A translator from Sigma `|re` (an unanchored search in the PCRE subset the
 * specification allows, evaluated like RE2) into another regex language,
 * through an emitter that spells each construct: Lucene's whole-value
 * regexps, or PCRE over JSON-escaped text. What the emitter's language
 * cannot say comes back as a reason.
 *
 * Anchors are supported at the ends of top-level alternatives only (after
 * distributing a leading or trailing group: `(^|/)x` → `^x|/x`).
 */
export interface RegexFlags {
  readonly i: boolean
  readonly m: boolean
  readonly s: boolean
}

/** A class as code-point ranges; shorthands are already expanded. */
export interface CodeRange {
  readonly from: number
  readonly to: number
}

export interface RegexEmitter {
  /** The language's name, for reasons. */
  readonly name: string
  /** One literal character. */
  char(c: string, flags: RegexFlags): string
  /** `.` */
  dot(flags: RegexFlags): string
  /** `[…]` / `[^…]` and the shorthands `\d \w \s` (negated: `\D \W \S`). */
  cls(ranges: readonly CodeRange[], negated: boolean, flags: RegexFlags): string
  /** A group around `inner` (already an alternation). */
  group(inner: string): string
  /** One top-level alternative, anchored at its start and/or end or not. */
  alternative(core: string, anchoredStart: boolean, anchoredEnd: boolean): string
  /** `atom` with a quantifier (`*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}`); by default written after it. */
  repeat?(atom: string, quantifier: string): string
}

export type RegexTranslation = { readonly ok: true; readonly regex: string } | { readonly ok: false; readonly reason: string }

export function translateRegex(pattern: string, written: RegexFlags, emitter: RegexEmitter): RegexTranslation {
  let source = pattern
  const flags = { ...written }
  const inline = /^\(\?([ims]+)\)/.exec(source)
  if (inline) {
    for (const f of ['i', 'm', 's'] as const) flags[f] ||= inline[1]!.includes(f)
    source = source.slice(inline[0].length)
  }
  try {
    const alternatives = hoistAnchors(source).flatMap((alternative) => new Parser(alternative, flags, emitter).top())
    return { ok: true, regex: alternatives.join('|') }
  } catch (error) {
    if (error instanceof RegexGap) return { ok: false, reason: error.message }
    throw error
  }
}

/** What the target regex language cannot say; the message is the reason. */
export class RegexGap extends Error {}

/** RE2's shorthand classes (ASCII). */
export const SHORTHAND: Readonly<Record<string, readonly CodeRange[]>> = {
  d: [{ from: 48, to: 57 }],
  w: [
    { from: 48, to: 57 },
    { from: 65, to: 90 },
    { from: 95, to: 95 },
    { from: 97, to: 122 },
  ],
  s: [9, 10, 12, 13, 32].map((c) => ({ from: c, to: c })),
}
const CONTROL: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v' }
const single = (c: string): CodeRange => ({ from: c.codePointAt(0)!, to: c.codePointAt(0)! })

/**
 * Top-level alternatives, with a leading group whose alternatives start with
 * `^` (or end with `$`) distributed over them: `(^|/)x` → `^x`, `/x`;
 * `(^a$)|(^b$)` → `^a$`, `^b$`.
 */
function hoistAnchors(source: string): string[] {
  const out: string[] = []
  for (const alternative of splitTop(source)) {
    const lead = groupAt(alternative, 0)
    if (lead && !/^[*+?{]/.test(alternative.slice(lead.end))) {
      const inner = splitTop(lead.body)
      if (inner.some((a) => a.startsWith('^') || a.endsWith('$'))) {
        out.push(...inner.flatMap((a) => hoistAnchors(a + alternative.slice(lead.end))))
        continue
      }
    }
    out.push(alternative)
  }
  return out
}

/** Walks a regex source outside classes and escapes, calling `at` for each other character. */
function scan(source: string, from: number, at: (c: string, k: number) => boolean | void): void {
  let inClass = false
  for (let k = from; k < source.length; k++) {
    const c = source[k]!
    if (c === '\\') k++
    else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else if (at(c, k)) return
  }
}

/** Splits at `|` outside groups and classes. */
function splitTop(source: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  scan(source, 0, (c, k) => {
    if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, k))
      start = k + 1
    }
  })
  parts.push(source.slice(start))
  return parts
}

/** A plain or `(?:…)` group starting at `at`: its body and the index after its `)`. */
function groupAt(source: string, at: number): { body: string; end: number } | undefined {
  if (source[at] !== '(' || (source[at + 1] === '?' && source[at + 2] !== ':')) return undefined
  const open = source[at + 1] === '?' ? at + 3 : at + 1
  let depth = 1
  let found: { body: string; end: number } | undefined
  scan(source, open, (c, k) => {
    if (c === '(') depth++
    else if (c === ')' && --depth === 0) return !!(found = { body: source.slice(open, k), end: k + 1 })
  })
  return found
}

class Parser {
  private pos = 0
  constructor(
    private readonly src: string,
    private readonly flags: RegexFlags,
    private readonly emit: RegexEmitter,
  ) {}

  private gap(what: string): never {
    throw new RegexGap(`${what} has no ${this.emit.name} equivalent`)
  }

  top(): string[] {
    const alternatives: string[] = []
    for (;;) {
      const anchoredStart = this.src[this.pos] === '^'
      if (anchoredStart) {
        if (this.flags.m) this.gap('a `^` with the multi-line flag')
        this.pos++
      }
      let body = this.sequence(true)
      const anchoredEnd = body.endsWith('\u0000$')
      if (anchoredEnd) body = body.slice(0, -2)
      alternatives.push(this.emit.alternative(body, anchoredStart, anchoredEnd))
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
        if (!top || this.flags.m || (next !== undefined && next !== '|')) this.gap('a `$` anywhere but at the end')
        return out + '\u0000$'
      }
      if (c === '^') this.gap('a `^` anywhere but at the start')
      out += this.quantified(this.atom())
    }
    return out
  }

  /** The next character, a whole code point (a character outside the BMP is one character, as in RE2). */
  private next(): string | undefined {
    const cp = this.src.codePointAt(this.pos)
    if (cp === undefined) return undefined
    const c = String.fromCodePoint(cp)
    this.pos += c.length
    return c
  }

  private atom(): string {
    const c = this.next()!
    if (c === '(') {
      if (this.src[this.pos] === '?') {
        if (this.src.startsWith('?:', this.pos)) this.pos += 2
        else this.gap('a lookaround, named group or inline flag inside a regex')
      }
      const inner = this.alternation()
      if (this.src[this.pos++] !== ')') throw new RegexGap('unbalanced `(` in the regex')
      return this.emit.group(inner)
    }
    if (c === '[') return this.charClass()
    if (c === '.') return this.emit.dot(this.flags)
    if (c === '\\') {
      const escaped = this.escape(false)
      return typeof escaped === 'string' ? this.emit.char(escaped, this.flags) : this.emit.cls(escaped.ranges, escaped.negated, this.flags)
    }
    if ('*+?'.includes(c) || (c === '{' && /^\d+(,\d*)?\}/.test(this.src.slice(this.pos)))) throw new RegexGap(`a quantifier \`${c}\` with nothing to repeat`)
    return this.emit.char(c, this.flags)
  }

  /** After a backslash: a literal character, or a shorthand class. */
  private escape(inClass: boolean): string | { ranges: readonly CodeRange[]; negated: boolean } {
    const c = this.next()
    if (c === undefined) throw new RegexGap('a trailing backslash in the regex')
    if (c in SHORTHAND) return { ranges: SHORTHAND[c]!, negated: false }
    if (c.toLowerCase() in SHORTHAND) {
      if (inClass) this.gap(`\`\\${c}\` inside a class`)
      return { ranges: SHORTHAND[c.toLowerCase()]!, negated: true }
    }
    if (c in CONTROL) return CONTROL[c]!
    if (c === 'x' && /^[0-9a-fA-F]{2}/.test(this.src.slice(this.pos))) {
      this.pos += 2
      return String.fromCharCode(parseInt(this.src.slice(this.pos - 2, this.pos), 16))
    }
    if (/[A-Za-z0-9]/.test(c)) this.gap(`the escape \`\\${c}\``)
    return c
  }

  private classChar(): string | { ranges: readonly CodeRange[]; negated: boolean } {
    const c = this.next()!
    if (c === '[' && this.src[this.pos] === ':') this.gap('a POSIX class')
    return c === '\\' ? this.escape(true) : c
  }

  private charClass(): string {
    const negated = this.src[this.pos] === '^'
    if (negated) this.pos++
    const ranges: CodeRange[] = []
    for (let first = true; ; first = false) {
      const c = this.src[this.pos]
      if (c === undefined) throw new RegexGap('unterminated `[` in the regex')
      if (c === ']' && !first) break
      const low = this.classChar()
      if (typeof low !== 'string') ranges.push(...low.ranges)
      else if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== undefined) {
        this.pos++
        const high = this.classChar()
        if (typeof high !== 'string') this.gap('a range ending in a shorthand class')
        ranges.push({ from: low.codePointAt(0)!, to: high.codePointAt(0)! })
      } else ranges.push(single(low))
    }
    this.pos++
    return this.emit.cls(ranges, negated, this.flags)
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
    if (lazy === '?') this.pos++ // laziness does not change what a match accepts, only where it stops
    else if (lazy === '+') this.gap('a possessive quantifier')
    return this.emit.repeat?.(atom, q) ?? atom + q
  }
}
