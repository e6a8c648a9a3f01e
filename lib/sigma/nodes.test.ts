import { describe, expect, it } from 'vitest'
import { AndNode, NODE_KINDS, NotNode, StringMatchNode } from './nodes'

const location = { file: 'x.yml', start: { line: 1, column: 1, offset: 0 } }

describe('node factories', () => {
  it('should create frozen nodes of their kind and recognise them', () => {
    const leaf = StringMatchNode.create({ field: 'A', value: ['x'], cased: false, location })
    const tree = AndNode.create({ children: [leaf, NotNode.create({ child: leaf, location })], location })
    expect(tree).toEqual({ kind: 'AndNode', children: [leaf, { kind: 'NotNode', child: leaf, location }], location })
    expect(Object.isFrozen(tree)).toBe(true)
    expect(AndNode.is(tree)).toBe(true)
    expect(StringMatchNode.is(tree)).toBe(false)
    expect(StringMatchNode.is(leaf)).toBe(true)
  })

  it('should list every node kind once', () => {
    expect(new Set(NODE_KINDS).size).toBe(12)
  })
})
