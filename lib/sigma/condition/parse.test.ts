import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ConditionNode } from './ast'
import { parseCondition } from './parse'

/** A compact rendering of a condition tree: `(and a (not b))`. */
function show(node: ConditionNode | undefined): string {
  if (!node) return '<error>'
  switch (node.kind) {
    case 'identifier':
      return node.name
    case 'not':
      return `(not ${show(node.child)})`
    case 'of':
      return `(${node.quantifier} of ${node.target})`
    default:
      return `(${node.kind} ${node.children.map(show).join(' ')})`
  }
}

const tree = (text: string) => show(parseCondition(text).ast)
const problem = (text: string) => {
  const [first] = parseCondition(text).problems
  return first && `${first.start + 1}: ${first.message} [${first.code}]`
}

describe('parseCondition: grammar', () => {
  it('should read a single identifier', () => {
    expect(tree('selection')).toBe('selection')
  })

  it('should bind `and` tighter than `or`', () => {
    expect(tree('a or b and c')).toBe('(or a (and b c))')
    expect(tree('a and b or c')).toBe('(or (and a b) c)')
  })

  it('should bind `not` tighter than `and`', () => {
    expect(tree('not a and b')).toBe('(and (not a) b)')
    expect(tree('not not a')).toBe('(not (not a))')
  })

  it('should bind `x of` tighter than `not`', () => {
    expect(tree('not 1 of filter*')).toBe('(not (1 of filter*))')
  })

  it('should group with parentheses', () => {
    expect(tree('(a or b) and c')).toBe('(and (or a b) c)')
    expect(tree('a and not (b or c)')).toBe('(and a (not (or b c)))')
    expect(tree('((a))')).toBe('a')
  })

  it('should flatten chains of the same operator, left to right', () => {
    expect(tree('a or b or c')).toBe('(or a b c)')
    expect(tree('a and b and c')).toBe('(and a b c)')
  })

  it('should read `1 of`, `any of` and `all of` with patterns and `them`', () => {
    expect(tree('1 of selection_*')).toBe('(1 of selection_*)')
    expect(tree('any of sel*')).toBe('(1 of sel*)')
    expect(tree('all of them')).toBe('(all of them)')
    expect(tree('1 of them')).toBe('(1 of them)')
    expect(tree('all of *_x')).toBe('(all of *_x)')
  })

  it('should accept identifiers with digits, dashes, dots and underscores', () => {
    expect(tree('_filter-1 or sel.2')).toBe('(or _filter-1 sel.2)')
  })

  it('should keep the offsets of every node', () => {
    const { ast } = parseCondition('a and not b')
    expect(ast).toMatchObject({ kind: 'and', start: 0, end: 11, children: [{ start: 0, end: 1 }, { kind: 'not', start: 6, end: 11 }] })
  })
})

describe('parseCondition: errors point at the bad token', () => {
  it('should report a missing operand', () => {
    expect(problem('selection and')).toBe('14: Unexpected end of condition, expected an identifier [condition-unexpected-end]')
    expect(problem('selection and or filter')).toBe('15: Unexpected `or`, expected an identifier [condition-unexpected-token]')
  })

  it('should report unbalanced parentheses', () => {
    expect(problem('(a or b')).toBe('1: Unclosed `(` at column 1 [condition-unclosed-parenthesis]')
    expect(problem('a or b)')).toBe('7: Unmatched `)` [condition-unexpected-token]')
    expect(problem('(a b)')).toBe('4: Unexpected `b`, expected `)` [condition-unexpected-token]')
  })

  it('should report two operands without an operator', () => {
    expect(problem('a b')).toBe('3: Unexpected `b` after a complete condition [condition-unexpected-token]')
  })

  it('should report bad selections', () => {
    expect(problem('2 of sel*')).toBe('1: Unexpected quantifier `2`, expected `1`, `any` or `all` [condition-bad-quantifier]')
    expect(problem('all sel*')).toBe('5: Expected `of` after `all` [condition-expected-of]')
    expect(problem('1 of')).toBe('5: Expected a name pattern or `them` after `of` [condition-expected-pattern]')
    expect(problem('them')).toBe('1: Unexpected `them` without `1 of` or `all of` before it [condition-unexpected-token]')
  })

  it('should report characters that cannot start a token, and the obsolete aggregation syntax', () => {
    expect(problem('a $ b')).toBe('3: Unexpected character `$` in condition [condition-invalid-character]')
    expect(problem('selection | count() > 5')).toBe('11: Unexpected character `|` in condition: aggregations (`| count() ...`) are obsolete, use a correlation rule [condition-invalid-character]')
  })

  it('should report an empty condition', () => {
    expect(problem('   ')).toBe('4: Empty condition [condition-empty]')
  })

  it('should refuse nesting deeper than 256 levels instead of overflowing the stack', () => {
    expect(problem('('.repeat(10_000) + 'a' + ')'.repeat(10_000))).toBe('257: Condition nested deeper than 256 levels [condition-too-deep]')
  })
})

describe('parseCondition: properties', () => {
  const word = fc.constantFrom('a', 'b', '_c', 'sel*', 'and', 'or', 'not', '1', 'all', 'any', 'of', 'them', '(', ')', '|', '$', ' ', '2')
  const conditions = fc.oneof(fc.string(), fc.array(word, { maxLength: 20 }).map((w) => w.join(' ')))

  it('should never throw, and return either a tree or located problems', () => {
    fc.assert(
      fc.property(conditions, (text) => {
        const result = parseCondition(text)
        expect(result.ast === undefined).toBe(result.problems.length > 0)
        for (const p of result.problems) {
          expect(p.start).toBeGreaterThanOrEqual(0)
          expect(p.start).toBeLessThanOrEqual(text.length)
          expect(p.message).not.toBe('')
        }
      }),
      { numRuns: 5000 },
    )
  })
})
