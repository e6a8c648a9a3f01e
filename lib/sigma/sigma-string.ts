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

export interface ParseSigmaStringOptions {
  /** Recognise `%name%` as a placeholder (the `expand` modifier); `\%` is then a literal percent. */
  readonly placeholders?: boolean
}

/**
 * Unescape a Sigma string value (specification, "Escaping"):
 *
 * | written  | means                           |
 * |----------|---------------------------------|
 * | `*` `?`  | wildcard (any run / one char)   |
 * | `\*` `\?`| a literal `*` / `?`             |
 * | `\\`     | one literal backslash           |
 * | `\\*`    | a backslash, then a wildcard    |
 * | `\x`     | backslash before anything else is literal: `\x` |
 * | `\` last | a trailing backslash is literal |
 */
export function parseSigmaString(text: string, options: ParseSigmaStringOptions = {}): SigmaString {
  // Plain text, the common case, needs no scan.
  if (!/[\\*?%]/.test(text)) return text ? [text] : []
  const tokens: StringToken[] = []
  let literal = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char === '\\') {
      const next = text[i + 1]
      if (next === '*' || next === '?' || next === '\\' || (options.placeholders && next === '%')) {
        literal += next
        i++
      } else literal += '\\'
    } else if (char === '*' || char === '?') {
      if (literal) tokens.push(literal)
      literal = ''
      tokens.push(char === '*' ? ANY_CHARS : ONE_CHAR)
    } else if (char === '%' && options.placeholders) {
      const end = text.indexOf('%', i + 1)
      const name = end === -1 ? '' : text.slice(i + 1, end)
      if (/^[\w.-]+$/.test(name)) {
        if (literal) tokens.push(literal)
        literal = ''
        tokens.push({ kind: 'Placeholder', name })
        i = end
      } else literal += char
    } else literal += char
  }
  if (literal) tokens.push(literal)
  return tokens
}

/** A plain literal string as a SigmaString (no wildcards). */
export function literalSigmaString(text: string): SigmaString {
  return text ? [text] : []
}

/** Back to Sigma's written form: the inverse of `parseSigmaString` (with placeholders on). */
export function stringifySigmaString(value: SigmaString): string {
  return value
    .map((token) => {
      if (typeof token === 'string') return token.replace(/[\\*?%]/g, (c) => '\\' + c)
      if (token.kind === 'AnyChars') return '*'
      if (token.kind === 'OneChar') return '?'
      return `%${token.name}%`
    })
    .join('')
}

export function isAnyChars(token: StringToken | undefined): token is typeof ANY_CHARS {
  return typeof token === 'object' && token.kind === 'AnyChars'
}

export function hasWildcards(value: SigmaString): boolean {
  return value.some((t) => typeof t === 'object' && t.kind !== 'Placeholder')
}

export function hasPlaceholders(value: SigmaString): boolean {
  return value.some((t) => typeof t === 'object' && t.kind === 'Placeholder')
}

/** The text of a SigmaString that has only literal tokens, or undefined. */
export function plainText(value: SigmaString): string | undefined {
  return value.every((t) => typeof t === 'string') ? value.join('') : undefined
}

/**
 * The shape of a SigmaString, for backends that have a cheaper operator than
 * a general wildcard match. `text` is the literal part, unescaped.
 */
export type SigmaStringShape =
  | { readonly kind: 'plain'; readonly text: string }
  | { readonly kind: 'startswith'; readonly text: string }
  | { readonly kind: 'endswith'; readonly text: string }
  | { readonly kind: 'contains'; readonly text: string }
  | { readonly kind: 'wildcard' }

export function classifySigmaString(value: SigmaString): SigmaStringShape {
  const plain = plainText(value)
  if (plain !== undefined) return { kind: 'plain', text: plain }
  const first = value[0]
  const last = value[value.length - 1]
  const middle = plainText(value.slice(isAnyChars(first) ? 1 : 0, isAnyChars(last) && value.length > 1 ? -1 : undefined))
  if (middle === undefined) return { kind: 'wildcard' }
  if (isAnyChars(first) && isAnyChars(last)) return { kind: 'contains', text: middle }
  if (isAnyChars(last)) return { kind: 'startswith', text: middle }
  if (isAnyChars(first)) return { kind: 'endswith', text: middle }
  return { kind: 'wildcard' }
}

/** Joins adjacent literal text and collapses runs of `*`. */
export function normalizeSigmaString(tokens: readonly StringToken[]): SigmaString {
  const out: StringToken[] = []
  for (const token of tokens) {
    const prev = out[out.length - 1]
    if (typeof token === 'string') {
      if (!token) continue
      if (typeof prev === 'string') out[out.length - 1] = prev + token
      else out.push(token)
    } else if (!(isAnyChars(token) && isAnyChars(prev))) out.push(token)
  }
  return out
}
