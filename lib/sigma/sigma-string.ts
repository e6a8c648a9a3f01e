/**
 * A Sigma string value after unescaping: literal text interleaved with wildcard
 * and placeholder tokens. Adjacent literal text is always merged into one string.
 */
export const ANY_CHARS = Object.freeze({ kind: 'AnyChars' as const }) // unescaped `*`
export const ONE_CHAR = Object.freeze({ kind: 'OneChar' as const }) // unescaped `?`

export interface Placeholder {
  readonly kind: 'Placeholder'
  /** The name between the percent signs of `%name%`. */
  readonly name: string
}

export type StringToken = string | typeof ANY_CHARS | typeof ONE_CHAR | Placeholder

export type SigmaString = readonly StringToken[]
