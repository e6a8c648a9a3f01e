/**
 * Lucene's regular-expression syntax (`org.apache.lucene.util.automaton.RegExp`,
 * as Elasticsearch's query_string uses it: every optional operator on) turned
 * into an equivalent JavaScript RegExp, written from Lucene's grammar:
 *
 *     union   ::= inter ( '|' inter )*
 *     inter   ::= concat ( '&' inter )?          intersection
 *     concat  ::= repeat*
 *     repeat  ::= compl ( '?' | '*' | '+' | '{n}' | '{n,}' | '{n,m}' )*
 *     compl   ::= '~' compl | class                complement
 *     class   ::= '[' '^'? ( char ( '-' char )? )+ ']' | simple
 *     simple  ::= char | '.' | '#' | '@' | '"' text '"' | '(' union? ')' | '<' … '>'
 *     char    ::= any character | '\' any character
 *
 * The match is on the whole value (a Lucene regex is anchored); `^` and `$` are
 * ordinary characters; `.` matches any character including a line break.
 * Intersection, complement and `<…>` intervals are rejected, since no
 * backend should need them. `\d \s \w` (and their negations) are the
 * predefined classes recent Lucene versions accept.
 */
export class LuceneRegexpError extends Error {
  override readonly name = 'LuceneRegexpError'
}

const PREDEFINED: Readonly<Record<string, string>> = {
  d: '0-9',
  s: ' \\t\\n\\r\\f\\v',
  w: 'a-zA-Z0-9_',
}

export function luceneRegexpToJs(source: string): RegExp {
  const chars = Array.from(source)
  let at = 0
  const peek = () => chars[at]
  const more = () => at < chars.length
  const fail = (message: string): never => {
    throw new LuceneRegexpError(`${message} at position ${at} of /${source}/`)
  }

  const union = (): string => {
    const parts = [inter()]
    while (peek() === '|') {
      at++
      parts.push(inter())
    }
    return parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`
  }
  const inter = (): string => {
    const left = concat()
    if (peek() === '&') fail('intersection (`&`) is not supported by this evaluator')
    return left
  }
  const concat = (): string => {
    let out = ''
    while (more() && peek() !== '|' && peek() !== '&' && peek() !== ')') out += repeat()
    return out
  }
  const repeat = (): string => {
    let atom = complement()
    for (;;) {
      const c = peek()
      if (c === '?' || c === '*' || c === '+') {
        at++
        atom = `(?:${atom})${c}`
      } else if (c === '{') {
        at++
        const min = digits()
        if (min === '') fail('a number must follow `{`')
        let max: string | undefined = min
        if (peek() === ',') {
          at++
          max = digits()
        }
        if (peek() !== '}') fail('expected `}`')
        at++
        atom = `(?:${atom}){${min}${max === min ? '' : `,${max}`}}`
      } else return atom
    }
  }
  const digits = (): string => {
    let text = ''
    while (peek() !== undefined && /[0-9]/.test(peek()!)) text += chars[at++]
    return text
  }
  const complement = (): string => {
    if (peek() === '~') fail('complement (`~`) is not supported by this evaluator')
    return charClass()
  }
  const charClass = (): string => {
    if (peek() !== '[') return simple()
    at++
    let negate = false
    if (peek() === '^') {
      negate = true
      at++
    }
    let body = ''
    let empty = true
    while (peek() !== ']') {
      if (!more()) fail('unterminated character class')
      const first = classChar()
      if (first.predefined) body += first.text
      else if (peek() === '-' && chars[at + 1] !== ']' && chars[at + 1] !== undefined) {
        at++
        const last = classChar()
        if (last.predefined) fail('a range cannot end in a predefined class')
        if (first.code > last.code) fail('a range must go upwards')
        body += `${first.text}-${last.text}`
      } else body += first.text
      empty = false
    }
    at++
    if (empty) fail('empty character class')
    return `[${negate ? '^' : ''}${body}]`
  }
  const classChar = (): { text: string; code: number; predefined: boolean } => {
    let c = chars[at++]!
    if (c === '\\') {
      if (!more()) fail('a trailing backslash escapes nothing')
      c = chars[at++]!
      const predefined = predefinedClass(c, true)
      if (predefined) return { text: predefined, code: -1, predefined: true }
    }
    return { text: escapeJs(c, true), code: c.codePointAt(0)!, predefined: false }
  }
  const simple = (): string => {
    const c = chars[at++]
    switch (c) {
      case undefined:
        return fail('unexpected end')
      case '.':
        return '[\\s\\S]'
      case '#':
        return '(?!)'
      case '@':
        return '[\\s\\S]*'
      case '"': {
        let text = ''
        while (peek() !== '"') {
          if (!more()) fail('unterminated string')
          text += escapeJs(chars[at++]!, false)
        }
        at++
        return `(?:${text})`
      }
      case '(': {
        if (peek() === ')') {
          at++
          return '(?:)'
        }
        const inner = union()
        if (peek() !== ')') fail('expected `)`')
        at++
        return `(?:${inner})`
      }
      case '<':
        return fail('intervals and named automata (`<…>`) are not supported by this evaluator')
      case '\\': {
        if (!more()) fail('a trailing backslash escapes nothing')
        const escaped = chars[at++]!
        const predefined = predefinedClass(escaped, false)
        return predefined ?? escapeJs(escaped, false)
      }
      case ')':
      case '|':
        return fail(`unexpected \`${c}\``)
      case '*':
      case '+':
      case '?':
      case '{':
        return fail(`\`${c}\` repeats nothing`)
      default:
        return escapeJs(c, false)
    }
  }

  const body = union()
  if (more()) fail(`unexpected \`${peek()}\``)
  return new RegExp(`^(?:${body})$`, 'u')
}

function predefinedClass(letter: string, inClass: boolean): string | undefined {
  const set = PREDEFINED[letter.toLowerCase()]
  if (set === undefined || !/[dswDSW]/.test(letter)) return undefined
  const negated = letter !== letter.toLowerCase()
  if (inClass) {
    if (negated) throw new LuceneRegexpError(`\\${letter} inside a character class is not supported by this evaluator`)
    return set
  }
  return `[${negated ? '^' : ''}${set}]`
}

function escapeJs(char: string, inClass: boolean): string {
  if (inClass) return /[\\\]\[^-]/.test(char) ? `\\${char}` : char
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char
}
