import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSigmaString, stringifySigmaString, type SigmaString } from './sigma-string'
import { compileWildcard } from './wildcard'

/** An independent implementation: the SigmaString as an anchored JavaScript regular expression. */
function referenceMatch(value: SigmaString, text: string, cased: boolean): boolean {
  const source = value
    .map((t) => (typeof t === 'string' ? t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : t.kind === 'AnyChars' ? '[\\s\\S]*' : '[\\s\\S]'))
    .join('')
  return new RegExp(`^${source}$`, cased ? 'u' : 'iu').test(text)
}

const alphabet = fc.constantFrom('a', 'b', 'A', '*', '?', '\\', '.', 'é')
const pattern = fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join(''))
const text = fc.array(fc.constantFrom('a', 'b', 'A', 'B', '*', '?', '\\', '.', 'é', 'É'), { maxLength: 16 }).map((c) => c.join(''))

describe('compileWildcard', () => {
  it('should agree with a regular-expression implementation on random patterns and strings', () => {
    fc.assert(
      fc.property(pattern, text, fc.boolean(), (written, subject, cased) => {
        const value = parseSigmaString(written)
        expect(compileWildcard(value, cased)(subject)).toBe(referenceMatch(value, subject, cased))
      }),
      { numRuns: 3000 },
    )
  })

  it('should match whole values only, case-insensitively unless cased', () => {
    const match = compileWildcard(parseSigmaString('cmd.exe'), false)
    expect(match('CMD.EXE')).toBe(true)
    expect(match('xcmd.exe')).toBe(false)
    expect(compileWildcard(parseSigmaString('cmd.exe'), true)('CMD.EXE')).toBe(false)
  })

  it('should make `?` match exactly one character, and `*` any run including none', () => {
    const match = compileWildcard(parseSigmaString('a?c*'), false)
    expect(match('abc')).toBe(true)
    expect(match('ac')).toBe(false)
    expect(match('abcdef')).toBe(true)
  })

  it('should finish quickly on a pattern that makes backtracking matchers explode', () => {
    const value = parseSigmaString('*a*a*a*a*a*a*a*a*a*a*b')
    expect(compileWildcard(value, false)('a'.repeat(5000))).toBe(false)
    expect(stringifySigmaString(value)).toBe('*a*a*a*a*a*a*a*a*a*a*b')
  })
})
