/**
 * An estimate, a few percent high, of the code units PCRE2 (8-bit, UTF mode, the 2-byte links
 * Debian's grep is built with) compiles a `grep -P` pattern into. PCRE2 refuses
 * a pattern over 65,535 units ("regular expression is too large"), and the
 * pattern's length says little: a class such as `[0-9a-fA-F]` is 33 units
 * (an opcode and a 256-bit map), a literal character 2, and a counted group
 * `(?:…){6}` is compiled six times. Measured against grep in `pcre-size.test.ts`.
 */
export const PCRE_SIZE_LIMIT = 65_535

const GROUP = 6 // bracket opcode and link, ket opcode and link
const ALTERNATIVE = 3 // alt opcode and link
const CLASS = 33
const CHAR = 2
const CALL = 3 // recurse opcode and link
/** What an optional copy adds to a group (a BRAZERO and the bracket nesting it), and to a call's wrapper. */
const OPTIONAL_COPY = { group: 7, call: 5 }

/** An item's size, and whether a quantifier copies it (a group or a call) or counts it (a character or class). */
interface Item {
  readonly size: number
  readonly copied: boolean
}

export function pcreCompiledSize(pattern: string): number {
  let at = 0

  /** Alternatives up to `)` or the end; returns their size. */
  const sequence = (): number => {
    let size = 0
    while (at < pattern.length && pattern[at] !== ')') {
      const c = pattern[at]!
      if (c === '|') {
        at++
        size += ALTERNATIVE
        continue
      }
      size += quantified(atom())
    }
    return size
  }

  const atom = (): Item => {
    const c = pattern[at]!
    if (c === '(') {
      at++
      // `(?:`, `(?=`, `(?!`, `(?<name>`, `(?(DEFINE)`: skip the group's header; `(?&name)` and `(?-1)` are calls.
      if (/^\?(?:&|[-+]?\d)/.test(pattern.slice(at, at + 3))) {
        at = pattern.indexOf(')', at) + 1
        return { size: CALL, copied: true }
      }
      if (pattern[at] === '?') at += GROUP_HEADER.exec(pattern.slice(at, at + 40))?.[0].length ?? 1
      const inner = sequence()
      at++ // `)`
      return { size: GROUP + inner, copied: true }
    }
    if (c === '[') return { size: characterClass(), copied: false }
    if (c === '\\') return { size: escape(), copied: false }
    at += c.length
    const code = pattern.codePointAt(at - 1)!
    if (code >= 0xdc00 && code <= 0xdfff) return { size: 0, copied: false } // second half of a pair, counted with the first
    return { size: 1 + utf8Length(code), copied: false }
  }

  const escape = (): number => {
    const next = pattern[at + 1]
    if (next === 'Q') {
      const end = pattern.indexOf('\\E', at + 2)
      const text = pattern.slice(at + 2, end === -1 ? pattern.length : end)
      at = end === -1 ? pattern.length : end + 2
      return [...text].reduce((sum, ch) => sum + 1 + utf8Length(ch.codePointAt(0)!), 0)
    }
    if (next === 'x' && pattern[at + 2] === '{') {
      const end = pattern.indexOf('}', at)
      const code = parseInt(pattern.slice(at + 3, end), 16)
      at = end + 1
      return 1 + utf8Length(code)
    }
    if (next === 'x') {
      at += 4
      return CHAR
    }
    at += 2
    return CHAR
  }

  const characterClass = (): number => {
    let wide = 0
    at++
    if (pattern[at] === '^') at++
    if (pattern[at] === ']') at++
    while (at < pattern.length && pattern[at] !== ']') {
      if (pattern[at] === '\\') {
        if (pattern[at + 1] === 'x' && pattern[at + 2] === '{') {
          const end = pattern.indexOf('}', at)
          if (parseInt(pattern.slice(at + 3, end), 16) > 0xff) wide++
          at = end + 1
        } else at += 2
        continue
      }
      const code = pattern.codePointAt(at)!
      if (code > 0xff) wide++
      at += code > 0xffff ? 2 : 1
    }
    at++
    // Characters above 255 go into an extended class: a list after the map.
    return CLASS + (wide > 0 ? 4 + 5 * wide : 0)
  }

  /** The size of `item` with the quantifier that follows it, if any. */
  const quantified = (item: Item): number => {
    const c = pattern[at]
    let min: number
    let max: number
    if (c === '*' || c === '+' || c === '?') {
      at++
      ;[min, max] = [c === '+' ? 1 : 0, c === '?' ? 1 : Infinity]
    } else if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at, at + 24))
      if (!match) return item.size
      at += match[0].length
      min = Number(match[1])
      max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3])
    } else return item.size
    if (pattern[at] === '?' || pattern[at] === '+') at++
    // A character or class takes one counted-repeat opcode.
    if (!item.copied) return item.size + 5
    // A group (a quantified call is wrapped in one) is compiled `min` times, the last of them looping for
    // `*`, `+` and `{m,}`; a bounded count adds one nested optional copy per count above `min`.
    const call = item.size === CALL
    const group = item.size + (call ? GROUP : 0)
    if (max === Infinity) return group * Math.max(1, min) + 1
    return group * min + (group + OPTIONAL_COPY[call ? 'call' : 'group']) * (max - min)
  }

  let size = 1 + GROUP // the whole pattern is one bracket, ended by OP_END
  while (at < pattern.length) {
    size += sequence()
    if (pattern[at] === ')') at++ // an unbalanced `)` cannot come from the backend; do not loop on it
  }
  return size
}

/** After `(`: `?:`, `?=`, `?!`, `?<=`, `?<!`, `?>`, `?|`, `?<name>`, `?(DEFINE)`, or option letters and `:` (`?i:`, `?-i:`). */
const GROUP_HEADER = /^\?(?:[:=!>|]|<[=!]|<\w+>|\(DEFINE\)|[a-zA-Z]*(?:-[a-zA-Z]*)?:)/

function utf8Length(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
}
