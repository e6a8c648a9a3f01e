import { describe, expect, it } from 'vitest'
import type { Expression } from '../../sigma/nodes'
import type { Location } from '../../sigma/position'
import { splitDeferred } from './splunk-deferral'

const at: Location = { file: 'x.yml', start: { line: 1, column: 1, offset: 0 } }
const s = (field: string): Expression => ({ kind: 'StringMatchNode', location: at, field, value: ['v'], cased: false })
const re = (field: string | null): Expression => ({ kind: 'RegexMatchNode', location: at, field, pattern: 'p', flags: { i: false, m: false, s: false } })
const and = (...children: Expression[]): Expression => ({ kind: 'AndNode', location: at, children })
const or = (...children: Expression[]): Expression => ({ kind: 'OrNode', location: at, children })
const not = (child: Expression): Expression => ({ kind: 'NotNode', location: at, child })

describe('splitDeferred', () => {
  it('should move top-level ANDed regexes, negated or not, out of the search in rule order', () => {
    const split = splitDeferred(and(and(s('a'), re('b')), not(re('c')), s('d')))
    expect(split.deferred.map((d) => [d.node.field, d.negated])).toEqual([['b', false], ['c', true]])
    expect(split.search).toMatchObject({ kind: 'AndNode', children: [s('a'), s('d')] })
  })

  it('should leave a regex inside an OR, and keyword regexes, in the search', () => {
    expect(splitDeferred(or(s('a'), re('b'))).deferred).toEqual([])
    expect(splitDeferred(and(s('a'), re(null))).deferred).toEqual([])
  })

  it('should leave no search when everything is deferred, and cancel double negation', () => {
    const split = splitDeferred(not(not(re('b'))))
    expect(split.search).toBeUndefined()
    expect(split.deferred).toMatchObject([{ negated: false }])
  })
})
