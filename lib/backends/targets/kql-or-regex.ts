import type { Expression, OrNode, RegexMatchNode, StringMatchNode } from '../../sigma/nodes'
import { classifySigmaString } from '../../sigma/sigma-string'
import { backslashEscape } from '../shared/pattern'

/** The regexes this module wrote (escaped literals only): RE2 accepts them, so they need no check. */
const generated = new WeakSet<RegexMatchNode>()
export const isGeneratedRegex = (node: RegexMatchNode): boolean => generated.has(node)

/** Above this many alternatives of one field, an OR becomes one regex. */
export const OR_REGEX_THRESHOLD = 16
const RE2_SPECIAL = backslashEscape('\\^$.|?*+()[]{}')

/**
 * Kusto's parser refuses expressions nested too deeply ("Query syntax depth
 * exceeds maximum safe limit"), and a long `a or b or …` chain is exactly
 * that. An OR of many case-insensitive equals/startswith/endswith/contains
 * matches on one field is rewritten as one `(?i)` regex alternation with the
 * same meaning (`^v$`, `^v`, `v$`, `v`); other children stay as they are.
 */
export function foldLongOrs(expression: Expression): Expression {
  const visit = (node: Expression): Expression => {
    if (node.kind === 'AndNode') return Object.freeze({ ...node, children: node.children.map(visit) })
    if (node.kind === 'NotNode') return Object.freeze({ ...node, child: visit(node.child) })
    if (node.kind !== 'OrNode') return node
    return fold({ ...node, children: node.children.map(visit) })
  }
  return visit(expression)
}

function fold(node: OrNode): Expression {
  const byField = new Map<string, StringMatchNode[]>()
  for (const child of node.children) {
    if (child.kind !== 'StringMatchNode' || child.field === null || child.cased || regexOf(child) === undefined) continue
    const group = byField.get(child.field)
    if (group) group.push(child) // (a copy per child was quadratic: 20,000 values took 1.6 s)
    else byField.set(child.field, [child])
  }
  const folded = new Set<Expression>()
  const children: Expression[] = []
  for (const child of node.children) {
    if (folded.has(child)) continue
    const group = child.kind === 'StringMatchNode' && child.field !== null ? byField.get(child.field) : undefined
    if (child.kind !== 'StringMatchNode' || !group || group.length <= OR_REGEX_THRESHOLD || !group.includes(child)) {
      children.push(child)
      continue
    }
    for (const member of group) folded.add(member)
    const regex: RegexMatchNode = Object.freeze({
      kind: 'RegexMatchNode',
      location: node.location,
      field: child.field,
      pattern: `(?:${group.map((m) => regexOf(m)!).join('|')})`,
      flags: Object.freeze({ i: true, m: false, s: false }),
    })
    generated.add(regex)
    children.push(regex)
  }
  if (children.length === 1) return children[0]!
  return Object.freeze({ ...node, children })
}

function regexOf(node: StringMatchNode): string | undefined {
  const shape = classifySigmaString(node.value)
  if (shape.kind === 'wildcard') return undefined
  const text = RE2_SPECIAL(shape.text)
  return { plain: `^${text}$`, startswith: `^${text}`, endswith: `${text}$`, contains: text }[shape.kind]
}

