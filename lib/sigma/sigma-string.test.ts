import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ANY_CHARS,
  classifySigmaString,
  hasPlaceholders,
  hasWildcards,
  ONE_CHAR,
  parseSigmaString,
  stringifySigmaString,
} from './sigma-string'

describe('parseSigmaString: the escaping table of the specification', () => {
  const rows: [written: string, meaning: ReturnType<typeof parseSigmaString>, row: string][] = [
    ['abc', ['abc'], 'plain text'],
    ['a*c', ['a', ANY_CHARS, 'c'], '`*` is a wildcard for any run of characters'],
    ['a?c', ['a', ONE_CHAR, 'c'], '`?` is a wildcard for one character'],
    ['a\\*c', ['a*c'], '`\\*` is a literal star'],
    ['a\\?c', ['a?c'], '`\\?` is a literal question mark'],
    ['a\\\\*', ['a\\', ANY_CHARS], '`\\\\*` is a backslash, then a wildcard'],
    ['a\\\\\\*', ['a\\*'], '`\\\\\\*` is a backslash, then a literal star'],
    ['a\\\\b', ['a\\b'], '`\\\\` is one backslash'],
    ['a\\\\\\b', ['a\\\\b'], 'three backslashes before another character are two'],
    ['a\\\\\\\\b', ['a\\\\b'], 'four backslashes are two'],
    ['C:\\Windows\\x.exe', ['C:\\Windows\\x.exe'], 'a backslash before any other character is literal'],
    ['abc\\', ['abc\\'], 'a trailing backslash is literal'],
    ['\\', ['\\'], 'a lone backslash is literal'],
    ['', [], 'the empty string is empty'],
    ['%name%', ['%name%'], 'without `expand`, percent signs are literal'],
  ]
  for (const [written, meaning, row] of rows) {
    it(`should read ${JSON.stringify(written)}: ${row}`, () => {
      expect(parseSigmaString(written)).toEqual(meaning)
    })
  }

  it('should read `%name%` as a placeholder with `expand`, and `\\%` as a literal percent', () => {
    expect(parseSigmaString('x%Admins%y', { placeholders: true })).toEqual(['x', { kind: 'Placeholder', name: 'Admins' }, 'y'])
    expect(parseSigmaString('100\\%', { placeholders: true })).toEqual(['100%'])
    expect(parseSigmaString('50% of 10%', { placeholders: true })).toEqual(['50% of 10%'])
  })

  it('should merge adjacent literal text into one token', () => {
    expect(parseSigmaString('a\\*b\\?c')).toEqual(['a*b?c'])
  })
})

describe('stringifySigmaString', () => {
  it('should write wildcards, placeholders and escaped specials', () => {
    expect(stringifySigmaString(['C:\\x*', ANY_CHARS, '?', ONE_CHAR, { kind: 'Placeholder', name: 'p' }])).toBe('C:\\\\x\\**\\??%p%')
  })

  it('should be the inverse of parseSigmaString (with placeholders) on any string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseSigmaString(text, { placeholders: true })
        expect(parseSigmaString(stringifySigmaString(parsed), { placeholders: true })).toEqual(parsed)
      }),
    )
  })
})

describe('classifySigmaString', () => {
  it('should tell plain, startswith, endswith, contains and general wildcard values apart', () => {
    expect(classifySigmaString(parseSigmaString('abc'))).toEqual({ kind: 'plain', text: 'abc' })
    expect(classifySigmaString(parseSigmaString('abc*'))).toEqual({ kind: 'startswith', text: 'abc' })
    expect(classifySigmaString(parseSigmaString('*abc'))).toEqual({ kind: 'endswith', text: 'abc' })
    expect(classifySigmaString(parseSigmaString('*a\\*c*'))).toEqual({ kind: 'contains', text: 'a*c' })
    expect(classifySigmaString(parseSigmaString('*'))).toEqual({ kind: 'contains', text: '' })
    expect(classifySigmaString(parseSigmaString('a*c'))).toEqual({ kind: 'wildcard' })
    expect(classifySigmaString(parseSigmaString('a?'))).toEqual({ kind: 'wildcard' })
    expect(classifySigmaString(parseSigmaString('%p%*', { placeholders: true }))).toEqual({ kind: 'wildcard' })
  })

  it('should report wildcards and placeholders', () => {
    expect(hasWildcards(parseSigmaString('a\\*'))).toBe(false)
    expect(hasWildcards(parseSigmaString('a?'))).toBe(true)
    expect(hasPlaceholders(parseSigmaString('%x%', { placeholders: true }))).toBe(true)
  })
})
