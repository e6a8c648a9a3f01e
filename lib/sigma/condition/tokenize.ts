/** One token of a condition; offsets are into the condition text. */
export interface Token {
  readonly type: 'and' | 'or' | 'not' | 'of' | 'them' | 'quantifier' | 'name' | '(' | ')' | 'invalid'
  readonly text: string
  readonly start: number
  readonly end: number
}

const KEYWORDS: Readonly<Record<string, Token['type']>> = {
  and: 'and',
  or: 'or',
  not: 'not',
  of: 'of',
  them: 'them',
  all: 'quantifier',
  any: 'quantifier',
}

const NAME = /[A-Za-z0-9_*.-]/

/**
 * Split a condition into tokens. Never fails: a character that cannot start
 * a token becomes an `invalid` token that the parser reports with its column.
 *
 * ```
 * > | sel1 and not 1 of filter_*
 *     ^^^^ ^^^ ^^^ ^ ^^ ^^^^^^^^
 * ```
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const char = text[i]!
    if (/\s/.test(char)) {
      i++
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char, text: char, start: i, end: i + 1 })
      i++
    } else if (NAME.test(char)) {
      const start = i
      while (i < text.length && NAME.test(text[i]!)) i++
      const word = text.slice(start, i)
      const type = KEYWORDS[word] ?? (/^\d+$/.test(word) ? 'quantifier' : 'name')
      tokens.push({ type, text: word, start, end: i })
    } else {
      tokens.push({ type: 'invalid', text: char, start: i, end: i + 1 })
      i++
    }
  }
  return tokens
}
