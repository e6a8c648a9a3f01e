import { AndNode, NotNode, OrNode, type Expression } from '../../sigma/nodes'
import { isAnyChars } from '../../sigma/sigma-string'

type Leaf = Exclude<Expression, AndNode | OrNode | NotNode>

/** An expression, or a constant it folded to (`true`: every line; `false`: none). */
export type LineCondition = Expression | boolean

export interface RawLineApproximation {
  readonly condition: LineCondition
  /** The sub-expressions left out under a `not`, in order of appearance. */
  readonly dropped: readonly Leaf[]
}

/**
 * A raw log line shows values but not which field holds them, so the `grep`
 * target compiles each positive leaf as "the line contains the value": an
 * over-approximation (a match of the leaf implies a match of the line test).
 * Under a `not` the same test would exclude a line whose value sits in
 * another field, missing events. This pass makes the whole pattern an
 * over-approximation of the rule (it never misses an event), by polarity:
 *
 * - `over(e)`: what the line test may be (e ⇒ line test). A leaf stays as
 *   written (the leaf compiler widens what a line cannot show at all).
 * - `under(e)`: a line test that implies e. Only a leaf that is exact on a raw
 *   line (`exact`) stays; any other is `false` — it is dropped and reported.
 * - `and`/`or` keep the polarity of their operands; `not x` is
 *   `not under(x)` when over-approximating and `not over(x)` when
 *   under-approximating (so a `not` of an and/or behaves as De Morgan says).
 *
 * Constants fold away (`a and true` is `a`, `not false` is `true`), so a
 * dropped exclusion disappears from the pattern instead of becoming `(?!(?!))`.
 */
export function approximateRawLines(expression: Expression, exact: (leaf: Leaf) => boolean): RawLineApproximation {
  const dropped: Leaf[] = []
  const visit = (node: Expression, over: boolean): LineCondition => {
    switch (node.kind) {
      case 'AndNode':
        return junction(node, node.children.map((child) => visit(child, over)), false)
      case 'OrNode':
        return junction(node, node.children.map((child) => visit(child, over)), true)
      case 'NotNode':
        return negate(node, visit(node.child, !over))
      default:
        if (over || exact(node)) return node
        dropped.push(node)
        return false
    }
  }
  return { condition: visit(expression, true), dropped }
}

/** An and (`absorbing` false) or an or (`absorbing` true) of folded operands. */
function junction(node: AndNode | OrNode, parts: readonly LineCondition[], absorbing: boolean): LineCondition {
  if (parts.includes(absorbing)) return absorbing
  const kept = parts.filter((part): part is Expression => typeof part !== 'boolean')
  if (kept.length === 0) return !absorbing
  if (kept.length === 1) return kept[0]!
  if (kept.length === node.children.length && kept.every((part, i) => part === node.children[i])) return node
  return (absorbing ? OrNode : AndNode).create({ children: kept, location: node.location })
}

function negate(node: NotNode, operand: LineCondition): LineCondition {
  if (typeof operand === 'boolean') return !operand
  if (operand.kind === 'NotNode') return operand.child
  return operand === node.child ? node : NotNode.create({ child: operand, location: node.location })
}

/**
 * Whether "the line contains the keyword" holds exactly when some value
 * contains it. A keyword (field-less) search is about the whole event, so on
 * a line it is exact, except where a match could run across the boundary
 * between two values: a keyword holding white space or a wildcard. (Case is
 * the writer's part: grep.ts spells its letters so as to fold no further
 * than the evaluator does.)
 */
export function keywordExactOnLine(leaf: Leaf): boolean {
  if (leaf.kind !== 'StringMatchNode' || leaf.field !== null) return false
  const inner = leaf.value.slice(isAnyChars(leaf.value[0]) ? 1 : 0, isAnyChars(leaf.value.at(-1)) ? -1 : undefined)
  return inner.length > 0 && inner.every((token) => typeof token === 'string' && !/\s/.test(token))
}

/** What a dropped leaf concerned, for the warning: its field, or the keyword. */
export function droppedWarning(dropped: readonly Leaf[]): string | undefined {
  if (dropped.length === 0) return undefined
  const names = [...new Set(dropped.map((leaf) => (leaf.field === null ? 'a keyword' : leaf.field)))]
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  return (
    `${names.length === 1 ? 'the exclusion' : 'exclusions'} on ${list} cannot be checked on a raw line, where a value may sit in another field; ` +
    `${names.length === 1 ? 'it is' : 'they are'} left out and the pattern over-matches (pipeline jsonl is exact)`
  )
}
