import { describe, expect, it } from 'vitest'
import { luceneRegexpToJs } from '../differential/lucene/lucene-regexp'
import { toLuceneRegex } from './lucene-regex'
import { RE2JS } from 're2js'

const flags = (f = '') => ({ i: f.includes('i'), m: f.includes('m'), s: f.includes('s') })

/** The translated regex, as Lucene would run it on a whole keyword value. */
function lucene(pattern: string, f = ''): RegExp {
  const result = toLuceneRegex(pattern, flags(f))
  if (!result.ok) throw new Error(result.reason)
  return luceneRegexpToJs(result.regex)
}

describe('toLuceneRegex', () => {
  it("should accept on whole values exactly what the rule's unanchored search accepts", () => {
    const cases: [string, string, string[]][] = [
      ['a.c', '', ['abc', 'xxabcxx', 'ac', 'a\nc', 'ABC']],
      ['^cmd', 'i', ['cmd.exe', 'CMD', 'x cmd', 'cm']],
      ['\\.exe$', '', ['a.exe', 'a.exe ', 'aXexe']],
      ['^(foo|bar)$', '', ['foo', 'bar', 'foobar', 'fo']],
      ['\\d{2,3}-\\w+\\s', '', ['12-ab ', 'x123-_ z', '1-ab ', '12-\t']],
      ['[a-c]+[^x]', 'i', ['AB', 'bx', 'CCy', 'x']],
      ['a.b', 's', ['a\nb', 'a\rb']],
      ['colou?r|grey', '', ['color', 'colour', 'grey', 'gray']],
      ['C:\\\\Windows\\\\', 'i', ['c:\\windows\\system32', 'C:/Windows/']],
      ['(^|\\/)\\.[^.\\/]', '', ['.git', 'a/.ssh', 'a.b', './', 'x/..']],
      ['(^[a-z]{2}$)|(^[a-z]{4}$)', '', ['ab', 'abcd', 'abc', 'abcde', '']],
      ['(^0oa.*|@x)', '', ['0oa1', 'y@x', 'x0oa', '0o']],
    ]
    for (const [pattern, f, inputs] of cases) {
      const re2 = RE2JS.compile(pattern, (f.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (f.includes('s') ? RE2JS.DOTALL : 0))
      const translated = lucene(pattern, f)
      for (const input of inputs) expect(translated.test(input), `/${pattern}/${f} on ${JSON.stringify(input)}`).toBe(re2.matcher(input).find())
    }
  })

  it('should give a reason for what Lucene regexps cannot say', () => {
    for (const pattern of ['(?=x)a', 'a\\bb', 'a^b', '(a)\\1', 'a$b', 'x++', '(^a)+b']) expect(toLuceneRegex(pattern, flags()).ok, pattern).toBe(false)
    expect(toLuceneRegex('^a', flags('m'))).toMatchObject({ ok: false, reason: expect.stringContaining('multi-line') })
  })
})
