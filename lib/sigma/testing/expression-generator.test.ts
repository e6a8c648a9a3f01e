import { describe, expect, it } from 'vitest'
import { matches } from '../evaluate'
import type { Expression } from '../nodes'
import { generateEvents } from './event-generator'
import { randomExpression, ruleOf } from './expression-generator'
import { createRandom } from './random'

function kinds(expression: Expression, out = new Set<string>()): Set<string> {
  out.add(expression.kind)
  if (expression.kind === 'AndNode' || expression.kind === 'OrNode') expression.children.forEach((c) => kinds(c, out))
  if (expression.kind === 'NotNode') kinds(expression.child, out)
  return out
}

describe('randomExpression', () => {
  it('should be deterministic for a seed and reach every node kind', () => {
    const a = Array.from({ length: 200 }, ((r) => () => randomExpression(r))(createRandom(9)))
    const b = Array.from({ length: 200 }, ((r) => () => randomExpression(r))(createRandom(9)))
    expect(a).toEqual(b)
    const seen = new Set<string>()
    for (const e of a) kinds(e, seen)
    expect([...seen].sort()).toEqual(
      ['AndNode', 'BooleanMatchNode', 'CidrMatchNode', 'ExistsNode', 'FieldRefNode', 'NotNode', 'NullMatchNode', 'NumberMatchNode', 'OrNode', 'RegexMatchNode', 'StringMatchNode'].sort(),
    )
  })

  it('should make rules whose events the evaluator can label', () => {
    const random = createRandom(4)
    for (let i = 0; i < 50; i++) {
      const rule = ruleOf(randomExpression(random), i)
      const events = generateEvents(rule.expression, { seed: i, probe: matches })
      expect(() => events.map((event) => matches(rule.expression, event))).not.toThrow()
    }
  })
})
