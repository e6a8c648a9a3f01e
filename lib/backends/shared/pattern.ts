import type { SigmaString } from '../../sigma/sigma-string'

/** How a target writes a Sigma wildcard pattern. */
export interface PatternSyntax {
  /** Escapes a run of literal text. */
  readonly literal: (text: string) => string
  /** What `*` (any run of characters) becomes. */
  readonly many: string
  /** What `?` (exactly one character) becomes. */
  readonly one: string
}

/**
 * Writes a SigmaString in a target's pattern syntax. Placeholders must have
 * been expanded by a pipeline; one left over is reported by the caller.
 */
export function writePattern(value: SigmaString, syntax: PatternSyntax): string {
  let out = ''
  for (const token of value) {
    if (typeof token === 'string') out += syntax.literal(token)
    else if (token.kind === 'AnyChars') out += syntax.many
    else if (token.kind === 'OneChar') out += syntax.one
    else throw new Error(`placeholder %${token.name}% reached a backend`)
  }
  return out
}

/** Escapes every character of `chars` with a backslash. */
export function backslashEscape(chars: string): (text: string) => string {
  const pattern = new RegExp(`[${chars.replace(/[\\\]^-]/g, '\\$&')}]`, 'g')
  return (text) => text.replace(pattern, '\\$&')
}

/** The placeholder name of a value, if it still has one. */
export function placeholderIn(value: SigmaString): string | undefined {
  for (const token of value) if (typeof token === 'object' && token.kind === 'Placeholder') return token.name
  return undefined
}
