import { describe, expect, it } from 'vitest'
import type { Expression, StringMatchNode } from '../../sigma/nodes'
import type { Location } from '../../sigma/position'
import { ANY_CHARS } from '../../sigma/sigma-string'
import { testTarget } from '../targets/test'
import type { Dialect } from './dialect'
import { compileExpression } from './text-query-compiler'
import { unsupported, UnsupportedFeatureError } from './unsupported'

const at: Location = { file: 'hand-built.yml', start: { line: 3, column: 7, offset: 20 } }
const eq = (field: string, value: string, cased = false): StringMatchNode => ({ kind: 'StringMatchNode', location: at, field, value: [value], cased })
const and = (...children: Expression[]): Expression => ({ kind: 'AndNode', location: at, children })
const or = (...children: Expression[]): Expression => ({ kind: 'OrNode', location: at, children })
const not = (child: Expression): Expression => ({ kind: 'NotNode', location: at, child })

const test = testTarget.dialect
const compile = (e: Expression, dialect: Dialect = test) => compileExpression(e, dialect).query

describe('compileExpression with the test target', () => {
  it('should write each leaf kind from its own table entry', () => {
    const e = and(
      { kind: 'StringMatchNode', location: at, field: 'a', value: [ANY_CHARS, 'x'], cased: false },
      { kind: 'RegexMatchNode', location: at, field: 'b', pattern: 'r+', flags: { i: true, m: false, s: false } },
      { kind: 'CidrMatchNode', location: at, field: 'c', cidr: '10.0.0.0/8' },
      { kind: 'NumberMatchNode', location: at, field: 'd', op: 'gte', value: 4 },
      { kind: 'BooleanMatchNode', location: at, field: 'e', value: false },
      { kind: 'NullMatchNode', location: at, field: 'f' },
      { kind: 'ExistsNode', location: at, field: 'g' },
      { kind: 'FieldRefNode', location: at, field: 'h', otherField: 'i', match: 'eq', cased: true },
      { kind: 'TimePartNode', location: at, field: 'j', part: 'hour', value: 3 },
    )
    expect(compile(e)).toBe("a ew 'x' && b re /r+/i && c cidr 10.0.0.0/8 && d gte #4 && e is false && f null && g exists && h eq:c @i && hour(j) = 3")
  })

  it('should group an OR inside an AND, and not an AND inside an OR, when AND binds tighter', () => {
    expect(compile(and(or(eq('a', '1'), eq('b', '2')), eq('c', '3')))).toBe("[a eq '1' || b eq '2'] && c eq '3'")
    expect(compile(or(and(eq('a', '1'), eq('b', '2')), eq('c', '3')))).toBe("a eq '1' && b eq '2' || c eq '3'")
  })

  it('should group an AND inside an OR, and not an OR inside an AND, when OR binds tighter (Splunk)', () => {
    const orFirst: Dialect = { ...test, logic: { ...test.logic, precedence: 'or-over-and' } }
    expect(compile(and(or(eq('a', '1'), eq('b', '2')), eq('c', '3')), orFirst)).toBe("a eq '1' || b eq '2' && c eq '3'")
    expect(compile(or(and(eq('a', '1'), eq('b', '2')), eq('c', '3')), orFirst)).toBe("[a eq '1' && b eq '2'] || c eq '3'")
  })

  it('should group every nested junction when precedence is explicit', () => {
    const explicit: Dialect = { ...test, logic: { ...test.logic, precedence: 'explicit' } }
    expect(compile(or(and(eq('a', '1'), eq('b', '2')), eq('c', '3')), explicit)).toBe("[a eq '1' && b eq '2'] || c eq '3'")
  })

  it('should flatten nested junctions of the same operator without groups', () => {
    expect(compile(and(and(eq('a', '1'), eq('b', '2')), eq('c', '3')))).toBe("a eq '1' && b eq '2' && c eq '3'")
  })

  it('should group a composite operand of NOT and leave a leaf bare', () => {
    expect(compile(not(eq('a', '1')))).toBe("!a eq '1'")
    expect(compile(not(or(eq('a', '1'), eq('b', '2'))))).toBe("![a eq '1' || b eq '2']")
  })

  it('should fold not-not, not-null and not-exists into their positive forms', () => {
    expect(compile(not(not(eq('a', '1'))))).toBe("a eq '1'")
    expect(compile(not({ kind: 'NullMatchNode', location: at, field: 'f' }))).toBe('f exists')
    expect(compile(not({ kind: 'ExistsNode', location: at, field: 'f' }))).toBe('f null')
  })

  it('should fold plain values of one field into the IN-list and keep the others in order', () => {
    const e = or(eq('a', '1'), eq('b', '9'), eq('a', '2'), { kind: 'StringMatchNode', location: at, field: 'a', value: ['3', ANY_CHARS], cased: false })
    expect(compile(e)).toBe("a in <1, 2> || b eq '9' || a sw '3'")
  })

  it('should not fold values of different casing together', () => {
    expect(compile(or(eq('a', '1'), eq('a', '2', true)))).toBe("a eq '1' || a eq:c '2'")
  })

  it('should split chains longer than maxOperands into grouped chunks', () => {
    const short: Dialect = { ...test, logic: { ...test.logic, maxOperands: 2 } }
    expect(compile(or(eq('a', '1'), eq('b', '2'), eq('c', '3'), eq('d', '4'), eq('e', '5')), short)).toBe(
      "[[a eq '1' || b eq '2'] || c eq '3'] || [d eq '4' || e eq '5']",
    )
  })

  it('should raise a located UnsupportedFeatureError for a declared gap', () => {
    const gap: Dialect = { ...test, leaves: { ...test.leaves, CidrMatchNode: unsupported('no-cidr', 'no networks here') } }
    const e = and(eq('a', '1'), { kind: 'CidrMatchNode', location: at, field: 'ip', cidr: '10.0.0.0/8' })
    expect(() => compileExpression(e, gap)).toThrowError(UnsupportedFeatureError)
    try {
      compileExpression(e, gap)
    } catch (error) {
      expect(error).toMatchObject({ code: 'no-cidr', reason: 'no networks here', location: at })
    }
  })

  it('should tell leaves whether they sit under an odd number of nots', () => {
    const seen: boolean[] = []
    const probe: Dialect = {
      ...test,
      leaves: { ...test.leaves, StringMatchNode: (node, ctx) => (seen.push(ctx.negated), String(node.field)) },
    }
    compileExpression(and(eq('a', '1'), not(eq('b', '2')), not(not(eq('c', '3'))), not(and(eq('d', '4'), not(eq('e', '5'))))), probe)
    expect(seen).toEqual([false, true, false, true, false])
  })

  it('should keep warnings per call and list each once', () => {
    const warning: Dialect = { ...test, leaves: { ...test.leaves, ExistsNode: (node, ctx) => (ctx.warn('weaker'), node.field) } }
    const e = and({ kind: 'ExistsNode', location: at, field: 'x' }, { kind: 'ExistsNode', location: at, field: 'y' })
    expect(compileExpression(e, warning).warnings).toEqual([{ message: 'weaker' }])
    expect(compileExpression(eq('a', '1'), warning).warnings).toEqual([])
  })

  it('should locate a warning at the node it is given, once per message and place', () => {
    const second: Location = { file: 'hand-built.yml', start: { line: 9, column: 13, offset: 140 } }
    const warning: Dialect = { ...test, leaves: { ...test.leaves, ExistsNode: (node, ctx) => (ctx.warn('weaker', node), node.field) } }
    const e = and(
      { kind: 'ExistsNode', location: at, field: 'x' },
      { kind: 'ExistsNode', location: second, field: 'y' },
      { kind: 'ExistsNode', location: second, field: 'y' },
    )
    expect(compileExpression(e, warning).warnings).toEqual([
      { message: 'weaker', location: at },
      { message: 'weaker', location: second },
    ])
  })
})
