import type { Expression, NodeKind, StringMatchNode } from '../../sigma/nodes'
import type { DataSource } from '../../pipelines/pipeline'
import type { Unsupported } from './unsupported'

export type LeafKind = Exclude<NodeKind, 'AndNode' | 'OrNode' | 'NotNode'>
export type NodeOf<K extends NodeKind> = Extract<Expression, { kind: K }>

/** Per-call compile state: nothing is kept on the dialect or the compiler. */
export interface CompileContext {
  /** True inside an odd number of `not`s. */
  readonly negated: boolean
  readonly dataSource: DataSource
  /** The whole expression being compiled, for leaves that depend on the rest of the rule. */
  readonly root: Expression
  /** The rule's `fields` (after the pipeline), for targets that list them. */
  readonly fields: readonly string[]
  /** Records that the query is valid but weaker than the rule, at the node that makes it so. */
  warn(message: string, node?: Expression): void
  /** Stops the conversion with a typed reason. */
  unsupported(code: string, reason: string, node?: Expression): never
}

/** How one kind of leaf is written: a function of the node, or a declared gap. */
export type LeafRule<K extends LeafKind> = ((node: NodeOf<K>, ctx: CompileContext) => string) | Unsupported

export type Leaves = { readonly [K in LeafKind]: LeafRule<K> }

/**
 * How and/or bind when written without parentheses:
 * - `and-over-or`: SQL, regex alternation — an OR inside an AND needs a group;
 * - `or-over-and`: Splunk's implicit AND — an AND inside an OR needs a group;
 * - `explicit`: group every nested and/or (Lucene query_string has no real precedence).
 */
export type Precedence = 'and-over-or' | 'or-over-and' | 'explicit'

/** The boolean syntax of a language. `{expr}` marks where the operand goes. */
export interface Logic {
  readonly and: string
  readonly or: string
  /** e.g. `NOT {expr}`; the operand is grouped first unless it is a leaf or `notGroups` says the template groups. */
  readonly not: string
  readonly notGroups?: boolean
  readonly group: string
  readonly precedence: Precedence
  /**
   * At most this many operands in one flat and/or chain; longer chains are
   * split into grouped chunks (SQLite parses `a OR b OR …` into a tree as
   * deep as the chain and rejects depth 1000).
   */
  readonly maxOperands?: number
}

/**
 * A list of whole values for one field, ORed (`f IN ('a', 'b')`). Asked for
 * every OR of two or more plain, equally cased values of one field; returns
 * `undefined` to keep the ORs.
 */
export type InList = (field: string, values: readonly string[], nodes: readonly StringMatchNode[], ctx: CompileContext) => string | undefined

/** A target language for the generic compiler: a table, with small hooks where a table cannot say it. */
export interface Dialect {
  readonly logic: Logic
  readonly leaves: Leaves
  readonly inList?: InList
  /**
   * Like `inList`, for ORed values of one field of any shape (wildcards
   * included): grep folds them into one alternation inside one lookahead.
   */
  readonly foldField?: (field: string, nodes: readonly StringMatchNode[], ctx: CompileContext) => string | undefined
  /** Wraps the compiled condition into a complete query (`SELECT … WHERE …`, `^…`). */
  readonly finish?: (condition: string, ctx: CompileContext) => string
}

/** Fills `{name}` slots of a template; unknown slots are left as written. */
export function fill(template: string, slots: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => slots[name] ?? whole)
}
