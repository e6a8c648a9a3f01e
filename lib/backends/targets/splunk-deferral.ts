import type { Expression, RegexMatchNode } from '../../sigma/nodes'
import { forEachLeaf } from '../../pipelines/map-expression'

export interface SplitQuery {
  /** What stays in the `search` part; `undefined` when nothing does. */
  readonly search: Expression | undefined
  /** Regexes ANDed at the top: `| regex field="…"`, in rule order. */
  readonly regexes: readonly (RegexMatchNode & { readonly field: string })[]
  /** The other ANDed parts that hold a regex or a field reference: `| where …` (eval syntax). */
  readonly where: readonly Expression[]
}

/** Leaves the search command cannot say: regexes and comparisons of two fields. */
function needsEval(node: Expression): boolean {
  let found = false
  forEachLeaf(node, (leaf) => (found ||= leaf.kind === 'RegexMatchNode' || leaf.kind === 'FieldRefNode'))
  return found
}

/**
 * Splits a rule into what Splunk's `search` can say and later filters, as
 * `search A | regex f="…" | where B` means `A AND regex AND B`. The top-level
 * conjuncts (nested ANDs flattened) that hold no regex or field reference stay
 * in the search; a plain positive field regex becomes `| regex`; any other
 * conjunct holding one (a regex under OR or NOT, a field reference) becomes
 * `| where` in eval syntax, which can say the whole conjunct.
 */
export function splitDeferred(expression: Expression): SplitQuery {
  const conjuncts: Expression[] = []
  const flatten = (node: Expression) => (node.kind === 'AndNode' ? node.children.forEach(flatten) : conjuncts.push(node))
  flatten(expression)
  const kept: Expression[] = []
  const regexes: (RegexMatchNode & { field: string })[] = []
  const where: Expression[] = []
  for (const node of conjuncts) {
    if (!needsEval(node)) kept.push(node)
    else if (node.kind === 'RegexMatchNode' && node.field !== null) regexes.push(node as RegexMatchNode & { field: string })
    else where.push(node)
  }
  if (regexes.length === 0 && where.length === 0) return { search: expression, regexes, where }
  const search =
    kept.length === 0 ? undefined : kept.length === 1 ? kept[0] : Object.freeze({ kind: 'AndNode' as const, location: expression.location, children: kept })
  return { search, regexes, where }
}
