import { describe, expect, it } from 'vitest'
import type { Expression } from '../../sigma/nodes'
import type { Location } from '../../sigma/position'
import { splitDeferred } from './splunk-deferral'

const at: Location = { file: 'x.yml', start: { line: 1, column: 1, offset: 0 } }
const s = (field: string): Expression => ({ kind: 'StringMatchNode', location: at, field, value: ['v'], cased: false })
const re = (field: string | null): Expression => ({ kind: 'RegexMatchNode', location: at, field, pattern: 'p', flags: { i: false, m: false, s: false } })
const ref: Expression = { kind: 'FieldRefNode', location: at, field: 'a', otherField: 'b', match: 'eq', cased: false }
const and = (...children: Expression[]): Expression => ({ kind: 'AndNode', location: at, children })
const or = (...children: Expression[]): Expression => ({ kind: 'OrNode', location: at, children })
const not = (child: Expression): Expression => ({ kind: 'NotNode', location: at, child })

describe('splitDeferred', () => {
  it('should keep plain conjuncts in the search and move top-level field regexes to | regex, in rule order', () => {
    const split = splitDeferred(and(and(s('a'), re('b')), s('d'), re('c')))
    expect(split.regexes.map((r) => r.field)).toEqual(['b', 'c'])
    expect(split.where).toEqual([])
    expect(split.search).toMatchObject({ kind: 'AndNode', children: [s('a'), s('d')] })
  })

  it('should send a negated regex, a regex inside an OR, a keyword regex and a field reference to | where', () => {
    const split = splitDeferred(and(s('a'), not(re('b')), or(s('c'), re('d')), re(null), ref))
    expect(split.regexes).toEqual([])
    expect(split.where).toEqual([not(re('b')), or(s('c'), re('d')), re(null), ref])
    expect(split.search).toEqual(s('a'))
  })

  it('should leave no search when everything is deferred, and the whole rule when nothing is', () => {
    expect(splitDeferred(re('b'))).toMatchObject({ search: undefined, regexes: [{ field: 'b' }] })
    const plain = or(s('a'), s('b'))
    expect(splitDeferred(plain)).toEqual({ search: plain, regexes: [], where: [] })
  })
})
