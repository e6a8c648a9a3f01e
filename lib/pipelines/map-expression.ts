import type { Expression } from '../sigma/nodes'

/**
 * Rebuilds an expression bottom-up: `leaf` sees every non-boolean node and
 * returns its replacement (or the node itself). Never changes its input;
 * subtrees where nothing was replaced are shared, not copied.
 */
export function mapLeaves(
  expression: Expression,
  leaf: (node: Exclude<Expression, { kind: 'AndNode' | 'OrNode' | 'NotNode' }>) => Expression,
): Expression {
  switch (expression.kind) {
    case 'AndNode':
    case 'OrNode': {
      const children = expression.children.map((c) => mapLeaves(c, leaf))
      return children.every((c, i) => c === expression.children[i]) ? expression : Object.freeze({ ...expression, children })
    }
    case 'NotNode': {
      const child = mapLeaves(expression.child, leaf)
      return child === expression.child ? expression : Object.freeze({ ...expression, child })
    }
    default:
      return leaf(expression)
  }
}

/** Visits every non-boolean node, left to right, without building anything. */
export function forEachLeaf(expression: Expression, visit: (node: Exclude<Expression, { kind: 'AndNode' | 'OrNode' | 'NotNode' }>) => void): void {
  switch (expression.kind) {
    case 'AndNode':
    case 'OrNode':
      for (const child of expression.children) forEachLeaf(child, visit)
      return
    case 'NotNode':
      return forEachLeaf(expression.child, visit)
    default:
      visit(expression)
  }
}

/** Every field name an expression reads (keyword searches have none), in first-seen order. */
export function fieldsOf(expression: Expression): string[] {
  const seen = new Set<string>()
  forEachLeaf(expression, (node) => {
    if (node.field !== null) seen.add(node.field)
    if (node.kind === 'FieldRefNode') seen.add(node.otherField)
  })
  return [...seen]
}
