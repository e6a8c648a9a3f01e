import { describe, expect, it } from 'vitest'
import { ANY_CHARS, ONE_CHAR } from '../../sigma/sigma-string'
import { grepRegex, JSON_CHAR_DEFINITION, jsonKey, jsonStringContent, VALUE_END } from './grep-json'
import { grepLines } from './grep-testing'

describe('JSON-line pieces', () => {
  it('should find a value with quotes, backslashes and wildcards in its own JSON member', () => {
    const values = ['C:\\a "b"\\x.exe', 'C:\\a "b"\\y.exe', 'C:\\a \\"b\\"\\x.exe', 'x\nC:\\a "b"\\x.exe']
    const lines = values.map((v) => JSON.stringify({ Other: 'C:\\a "b"\\x.exe', Image: v }).replace('"Other"', '"Oth"'))
    const pattern = `^${JSON_CHAR_DEFINITION}(?=.*${jsonKey('Image')}"${jsonStringContent(['C:\\a "b"', ONE_CHAR, 'x.exe'], true)}"${VALUE_END})`
    expect(grepLines(pattern, lines)).toEqual([0])
    const contains = `^${JSON_CHAR_DEFINITION}(?=.*${jsonKey('Image')}"${jsonStringContent([ANY_CHARS, '"b"', ANY_CHARS], true)}"${VALUE_END})`
    expect(grepLines(contains, lines)).toEqual([0, 1, 3])
  })

  it("should rewrite negated shorthands that grep 3.8's -P misses on non-ASCII text", () => {
    expect(grepRegex('a\\Sb[\\S]\\\\S\\W\\D')).toBe('a[^\\s]b[\\S]\\\\S[^\\w][^\\d]')
    expect(grepLines(grepRegex('x\\S'), ['xé', 'x '])).toEqual([0])
  })
})
