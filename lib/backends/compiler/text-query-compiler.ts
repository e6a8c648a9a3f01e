import type { AndNode, Expression, NotNode, OrNode, StringMatchNode } from '../../sigma/nodes'
import { plainText } from '../../sigma/sigma-string'
import type { DataSource } from '../../pipelines/pipeline'
import { fill, type CompileContext, type Dialect, type LeafKind, type NodeOf } from './dialect'
import { isUnsupported, UnsupportedFeatureError } from './unsupported'
import { addWarnings, type ConversionWarning } from './warnings'

export interface Compiled {
  readonly query: string
  readonly warnings: readonly ConversionWarning[]
}

type Level = 'or' | 'and' | 'atom'

interface Fragment {
  readonly text: string
  /** The loosest operator at the top of the fragment. */
  readonly level: Level
}

export interface CompileOptions {
  /** Where the events live, from the pipeline (table, index, line format, …). */
  readonly dataSource?: DataSource
  /** The rule's `fields`, after the pipeline. */
  readonly fields?: readonly string[]
}

/**
 * The one generic compiler: a visitor over the expression kinds that writes
 * the boolean structure from the dialect's tokens (grouping by precedence)
 * and each leaf from its table. All state lives in this call. Throws
 * `UnsupportedFeatureError` (caught by `convert`) for a declared gap.
 */
export function compileExpression(expression: Expression, dialect: Dialect, options: CompileOptions = {}): Compiled {
  const warnings: ConversionWarning[] = []
  const base = {
    root: expression,
    dataSource: options.dataSource ?? {},
    fields: options.fields ?? [],
    warn: (message: string, node?: Expression) => void addWarnings(warnings, [node ? { message, location: node.location } : { message }]),
    unsupported: (code: string, reason: string, node?: Expression): never => {
      throw new UnsupportedFeatureError(code, reason, node?.location)
    },
  }
  const contexts = [
    Object.freeze({ ...base, negated: false }),
    Object.freeze({ ...base, negated: true }),
  ] as const
  const visit = (node: Expression, negated: boolean): Fragment => {
    const ctx = contexts[negated ? 1 : 0]
    return visitors[node.kind](node as never, ctx, negated)
  }

  const group = (fragment: Fragment, parent: 'and' | 'or'): string => {
    if (fragment.level === 'atom' || fragment.level === parent) return fragment.text
    const { precedence } = dialect.logic
    const binds = precedence === 'and-over-or' ? fragment.level === 'and' : precedence === 'or-over-and' ? fragment.level === 'or' : false
    return binds ? fragment.text : fill(dialect.logic.group, { expr: fragment.text })
  }

  const junction = (parent: 'and' | 'or', parts: readonly Fragment[]): Fragment => {
    if (parts.length === 1) return parts[0]!
    if (parts.length === 0)
      throw new UnsupportedFeatureError('empty-condition', `An empty ${parent === 'or' ? 'OR (never true)' : 'AND (always true)'} has no spelling in this target`, expression.location)
    const max = dialect.logic.maxOperands
    if (max !== undefined && parts.length > max) {
      const size = Math.max(max, Math.ceil(parts.length / max))
      const chunks: Fragment[] = []
      for (let i = 0; i < parts.length; i += size) {
        const chunk = junction(parent, parts.slice(i, i + size))
        chunks.push(chunk.level === 'atom' ? chunk : { text: fill(dialect.logic.group, { expr: chunk.text }), level: 'atom' })
      }
      return junction(parent, chunks)
    }
    const token = dialect.logic[parent]
    return { text: parts.map((p) => group(p, parent)).join(token), level: parent }
  }

  const leaf = <K extends LeafKind>(node: NodeOf<K>, ctx: CompileContext): Fragment => {
    const leafNode: Expression = node
    const rule = dialect.leaves[leafNode.kind as K]
    if (isUnsupported(rule)) throw new UnsupportedFeatureError(rule.code, rule.reason, leafNode.location)
    return { text: (rule as (n: NodeOf<K>, c: CompileContext) => string)(node, ctx), level: 'atom' }
  }

  const visitors = {
    AndNode: (node: AndNode, _ctx: CompileContext, negated: boolean) =>
      junction('and', node.children.map((c) => visit(c, negated))),
    OrNode: (node: OrNode, ctx: CompileContext, negated: boolean) => junction('or', orParts(node, ctx, negated)),
    NotNode: (node: NotNode, _ctx: CompileContext, negated: boolean): Fragment => {
      const inverse = invert(node.child)
      if (inverse) return visit(inverse, negated)
      const operand = visit(node.child, !negated)
      const text = operand.level === 'atom' || dialect.logic.notGroups ? operand.text : fill(dialect.logic.group, { expr: operand.text })
      return { text: fill(dialect.logic.not, { expr: text }), level: 'atom' as const }
    },
    StringMatchNode: leaf,
    RegexMatchNode: leaf,
    CidrMatchNode: leaf,
    NumberMatchNode: leaf,
    BooleanMatchNode: leaf,
    NullMatchNode: leaf,
    ExistsNode: leaf,
    FieldRefNode: leaf,
    TimePartNode: leaf,
  } satisfies { [K in Expression['kind']]: (node: NodeOf<K>, ctx: CompileContext, negated: boolean) => Fragment }

  /** ORed values of one field fold into the dialect's IN-list (or `foldField`), in first-seen order. */
  const orParts = (node: OrNode, ctx: CompileContext, negated: boolean): Fragment[] => {
    const { inList, foldField } = dialect
    if (!inList && !foldField) return node.children.map((c) => visit(c, negated))
    const keyOf = (child: Expression) => foldKey(child, foldField !== undefined)
    const groups = new Map<string, StringMatchNode[]>()
    for (const child of node.children) {
      const key = keyOf(child)
      if (key === undefined) continue
      const members = groups.get(key)
      if (members) members.push(child as StringMatchNode)
      else groups.set(key, [child as StringMatchNode])
    }
    const parts: Fragment[] = []
    const done = new Set<string>()
    for (const child of node.children) {
      const key = keyOf(child)
      const members = key === undefined ? undefined : groups.get(key)
      if (key !== undefined && members && members.length > 1) {
        if (done.has(key)) continue
        done.add(key)
        const field = members[0]!.field!
        const text = foldField
          ? foldField(field, members, ctx)
          : inList!(field, members.map((m) => plainText(m.value)!), members, ctx)
        if (text !== undefined) {
          parts.push({ text, level: 'atom' })
          continue
        }
        parts.push(...members.map((m) => visit(m, negated)))
        continue
      }
      parts.push(visit(child, negated))
    }
    return parts
  }

  const condition = visit(expression, false).text
  const query = dialect.finish ? dialect.finish(condition, contexts[0]) : condition
  return { query, warnings }
}

/**
 * The positive form of `not child`, where one exists with the same meaning
 * in the reference evaluator: `not not x` is `x`, `not null` is `exists`
 * and `not exists` is `null` (a field is absent or null exactly when it has
 * no non-null value).
 */
function invert(child: Expression): Expression | undefined {
  if (child.kind === 'NotNode') return child.child
  if (child.kind === 'NullMatchNode') return { kind: 'ExistsNode', field: child.field, location: child.location }
  if (child.kind === 'ExistsNode') return { kind: 'NullMatchNode', field: child.field, location: child.location }
  return undefined
}

function foldKey(node: Expression, anyShape: boolean): string | undefined {
  if (node.kind !== 'StringMatchNode' || node.field === null || (!anyShape && plainText(node.value) === undefined)) return undefined
  return `${node.cased ? 'c' : 'i'}:${node.field}`
}
