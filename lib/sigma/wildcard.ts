import { classifySigmaString, type SigmaString } from './sigma-string'

/**
 * Case folding for case-insensitive matching: each character lowercased on
 * its own, so the length never changes (`İ` stays `İ` rather than becoming
 * `i̇`, which would break `?`, and `Σ` is `σ` wherever it stands). Two
 * characters are equal ignoring case when their lowercase forms are: the
 * rule the backends' case classes (`lib/backends/shared/case-fold.ts`) follow.
 */
export function foldCase(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase()
  let out = ''
  for (const char of text) {
    const lower = char.toLowerCase()
    out += lower.length === char.length ? lower : char
  }
  return out
}

/** A compiled whole-value matcher for a SigmaString (placeholders must be expanded first). */
export type StringMatcher = (text: string) => boolean

type Unit = string | 0 | 1 // a literal character, 0 = `*`, 1 = `?`

/**
 * Compile a SigmaString into a matcher. Plain, prefix, suffix and infix shapes
 * use string methods; anything else runs a glob match that backtracks only to
 * the last `*`, so it takes at most O(pattern × text) steps: no pattern can
 * make it hang.
 */
export function compileWildcard(value: SigmaString, cased: boolean): StringMatcher {
  const fold = cased ? (s: string) => s : foldCase
  const shape = classifySigmaString(value)
  switch (shape.kind) {
    case 'plain': {
      const text = fold(shape.text)
      return (s) => fold(s) === text
    }
    case 'startswith': {
      const text = fold(shape.text)
      return (s) => fold(s).startsWith(text)
    }
    case 'endswith': {
      const text = fold(shape.text)
      return (s) => fold(s).endsWith(text)
    }
    case 'contains': {
      const text = fold(shape.text)
      return (s) => fold(s).includes(text)
    }
    case 'wildcard': {
      const units = toUnits(value, fold)
      return (s) => globMatch(units, Array.from(fold(s)))
    }
  }
}

function toUnits(value: SigmaString, fold: (s: string) => string): Unit[] {
  const units: Unit[] = []
  for (const token of value) {
    if (typeof token === 'string') units.push(...Array.from(fold(token)))
    else if (token.kind === 'AnyChars') units.push(0)
    else if (token.kind === 'OneChar') units.push(1)
    else throw new Error(`Unexpanded placeholder \`%${token.name}%\``)
  }
  return units
}

function globMatch(pattern: readonly Unit[], text: readonly string[]): boolean {
  let p = 0
  let t = 0
  let starP = -1
  let starT = 0
  while (t < text.length) {
    const unit = pattern[p]
    if (unit === 0) {
      starP = p++
      starT = t
    } else if (unit !== undefined && (unit === 1 || unit === text[t])) {
      p++
      t++
    } else if (starP !== -1) {
      p = starP + 1
      t = ++starT
    } else return false
  }
  while (pattern[p] === 0) p++
  return p === pattern.length
}
