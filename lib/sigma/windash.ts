import type { StringToken } from './sigma-string'

/** `-`, `/`, en dash, em dash, horizontal bar. */
export const WINDASH_CHARACTERS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const

const WORD = /\w/

/**
 * Every variant of a value in which each `-` or `/` that starts a word (not
 * preceded by a word character, followed by one) is replaced by each of the five
 * dashes: all permutations, 5^n values for n such dashes.
 */
export function windashVariants(tokens: readonly StringToken[]): StringToken[][] {
  let variants: StringToken[][] = [[]]
  tokens.forEach((token, index) => {
    if (typeof token !== 'string') {
      variants = variants.map((v) => [...v, token])
      return
    }
    const before = tokens[index - 1]
    const after = tokens[index + 1]
    let pieces: string[] = ['']
    for (let i = 0; i < token.length; i++) {
      const char = token[i]!
      const prev = i > 0 ? token[i - 1]! : typeof before === 'string' ? before.slice(-1) : ''
      const next = i + 1 < token.length ? token[i + 1]! : typeof after === 'string' ? after[0] ?? '' : ''
      if ((char === '-' || char === '/') && !WORD.test(prev) && WORD.test(next)) {
        pieces = pieces.flatMap((p) => WINDASH_CHARACTERS.map((d) => p + d))
      } else pieces = pieces.map((p) => p + char)
    }
    variants = variants.flatMap((v) => pieces.map((p) => [...v, p]))
  })
  return variants
}
