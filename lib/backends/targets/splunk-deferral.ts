import type { Expression } from '../../sigma/nodes'

/** A leaf Splunk's `search` cannot say, written as a later pipe command instead. */
export type DeferredLeaf = Extract<Expression, { kind: 'RegexMatchNode' | 'FieldRefNode' }>

export interface DeferredPart {
  readonly node: DeferredLeaf
  readonly negated: boolean
}

export interface SplitQuery {
  /** What stays in the `search` part; `undefined` when nothing does. */
  readonly search: Expression | undefined
  /** Filters ANDed after it, in rule order. */
  readonly deferred: readonly DeferredPart[]
}

const DEFERRED_KINDS = new Set<Expression['kind']>(['RegexMatchNode', 'FieldRefNode'])

function asDeferred(node: Expression): DeferredPart | undefined {
  if (DEFERRED_KINDS.has(node.kind) && !(node.kind === 'RegexMatchNode' && node.field === null))
    return { node: node as DeferredLeaf, negated: false }
  if (node.kind === 'NotNode') {
    const inner = asDeferred(node.child)
    return inner && { node: inner.node, negated: !inner.negated }
  }
  return undefined
}

/**
 * Moves regex and fieldref leaves that are ANDed at the top of the
 * rule (possibly under `not`) out of the search, as pySigma's Splunk backend
 * does: `search … | regex f="…"` means `search AND regex`. A leaf inside an
 * OR cannot move, because a later pipe can only narrow the results; the
 * compiler then reports it as unsupported.
 */
export function splitDeferred(expression: Expression): SplitQuery {
  const conjuncts: Expression[] = []
  const flatten = (node: Expression) => (node.kind === 'AndNode' ? node.children.forEach(flatten) : conjuncts.push(node))
  flatten(expression)
  const deferred: DeferredPart[] = []
  const kept: Expression[] = []
  for (const node of conjuncts) {
    const part = asDeferred(node)
    if (part) deferred.push(part)
    else kept.push(node)
  }
  if (deferred.length === 0) return { search: expression, deferred }
  const search =
    kept.length === 0 ? undefined : kept.length === 1 ? kept[0] : Object.freeze({ kind: 'AndNode' as const, location: expression.location, children: kept })
  return { search, deferred }
}
