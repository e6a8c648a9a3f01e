import { describe, expect, it } from 'vitest'
import { compileLucene, LuceneEvaluationError } from './lucene-evaluator'
import { luceneRegexpToJs, LuceneRegexpError } from './lucene-regexp'

const event = { Image: 'C:\\Windows\\cmd.exe', EventID: 1, CommandLine: 'a "b" c', Size: 150, Ip: '10.1.2.3', Signed: true }
const run = (query: string, types = {}) => compileLucene(query, types)(event)

describe('compileLucene', () => {
  it('should match keyword terms exactly and case-sensitively', () => {
    expect(run('Image:C\\:\\\\Windows\\\\cmd.exe')).toBe(true)
    expect(run('Image:c\\:\\\\windows\\\\cmd.exe')).toBe(false)
    expect(run('CommandLine:"a \\"b\\" c"')).toBe(true)
    expect(run('EventID:1')).toBe(true)
  })

  it('should treat unescaped * and ? as wildcards over the whole value', () => {
    expect(run('Image:*\\\\cmd.exe')).toBe(true)
    expect(run('Image:*\\\\CMD.exe')).toBe(false)
    expect(run('Image:*cmd.ex?')).toBe(true)
    expect(run('Image:*cmd\\*')).toBe(false)
  })

  it('should anchor Lucene regexps to the whole value', () => {
    expect(run('Image:/.*[Cc][Mm][Dd][.]exe/')).toBe(true)
    expect(run('Image:/[Cc][Mm][Dd]/')).toBe(false)
  })

  it('should follow the classic parser, not Boolean algebra, for unparenthesised AND/OR', () => {
    // `a OR b AND c` is `+b +c`; `a OR NOT b` is `a -b`.
    expect(run('EventID:1 OR EventID:2 AND EventID:3')).toBe(false)
    expect(run('EventID:1 OR (EventID:2 AND EventID:3)')).toBe(true)
    expect(run('EventID:2 OR NOT Image:x')).toBe(false)
    expect(run('EventID:2 OR (NOT Image:x)')).toBe(true)
  })

  it('should let a purely negative group match everything else', () => {
    expect(run('NOT Image:x')).toBe(true)
    expect(run('EventID:1 AND (NOT Image:x)')).toBe(true)
    expect(run('-EventID:1')).toBe(false)
  })

  it('should search every field when no field is named', () => {
    expect(run('*cmd.exe')).toBe(true)
    expect(run('cmd.exe')).toBe(false)
  })

  it('should evaluate ranges, _exists_ and typed fields', () => {
    expect(run('Size:[100 TO *]', { Size: 'number' })).toBe(true)
    expect(run('Size:{* TO 150}', { Size: 'number' })).toBe(false)
    expect(run('Size:>=150', { Size: 'number' })).toBe(true)
    expect(run('_exists_:Image AND NOT _exists_:Missing')).toBe(true)
    expect(run('Ip:"10.0.0.0/8"', { Ip: 'ip' })).toBe(true)
    expect(run('Ip:"10.0.0.0/8"')).toBe(false)
    expect(run('Signed:true', { Signed: 'boolean' })).toBe(true)
  })

  it('should reject what Elasticsearch or the parser rejects', () => {
    expect(() => run('Image:/a\\.b/')).toThrow(LuceneEvaluationError)
    expect(() => compileLucene('Size:*5', { Size: 'number' })(event)).toThrow(LuceneEvaluationError)
    expect(() => run('Image:cmd~')).toThrow(LuceneEvaluationError)
  })
})

describe('luceneRegexpToJs', () => {
  it('should translate Lucene syntax into an anchored JavaScript regex', () => {
    expect(luceneRegexpToJs('a[.]b"x.y"@').test('a.bx.yanything')).toBe(true)
    expect(luceneRegexpToJs('^a$').test('^a$')).toBe(true)
    expect(luceneRegexpToJs('a{2,3}').test('aaaa')).toBe(false)
    expect(luceneRegexpToJs('.').test('\n')).toBe(true)
    expect(luceneRegexpToJs('#|b').test('')).toBe(false)
  })

  it('should refuse what it does not model', () => {
    expect(() => luceneRegexpToJs('a&b')).toThrow(LuceneRegexpError)
    expect(() => luceneRegexpToJs('~a')).toThrow(LuceneRegexpError)
    expect(() => luceneRegexpToJs('<1-5>')).toThrow(LuceneRegexpError)
    expect(() => luceneRegexpToJs('a{x}')).toThrow(LuceneRegexpError)
  })
})
