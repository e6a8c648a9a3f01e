import type { Location } from './position'
import type { SigmaString } from './sigma-string'

/**
 * The detection of a rule after its condition has been resolved against its
 * search identifiers and every value modifier has been applied: a boolean tree
 * over a small set of leaf matchers. The evaluator and every backend consume
 * exactly this tree, so it is the one place where Sigma semantics live.
 *
 * A `field` of `null` means a keyword (field-less) search over the whole event.
 */
export type Expression =
  | AndNode
  | OrNode
  | NotNode
  | StringMatchNode
  | RegexMatchNode
  | CidrMatchNode
  | NumberMatchNode
  | BooleanMatchNode
  | NullMatchNode
  | ExistsNode
  | FieldRefNode
  | TimePartNode

export type NodeKind = Expression['kind']

interface NodeBase {
  readonly location: Location
}

export interface AndNode extends NodeBase {
  readonly kind: 'AndNode'
  readonly children: readonly Expression[]
}

export interface OrNode extends NodeBase {
  readonly kind: 'OrNode'
  readonly children: readonly Expression[]
}

export interface NotNode extends NodeBase {
  readonly kind: 'NotNode'
  readonly child: Expression
}

/** Whole-value match with `*`/`?` wildcards; case-insensitive unless `cased`. */
export interface StringMatchNode extends NodeBase {
  readonly kind: 'StringMatchNode'
  readonly field: string | null
  readonly value: SigmaString
  readonly cased: boolean
}

/** `|re`: an unanchored search; case-sensitive unless the `i` flag is set. */
export interface RegexMatchNode extends NodeBase {
  readonly kind: 'RegexMatchNode'
  readonly field: string | null
  readonly pattern: string
  readonly flags: { readonly i: boolean; readonly m: boolean; readonly s: boolean }
}

/** `|cidr`: an IPv4 or IPv6 network such as `10.0.0.0/8`. */
export interface CidrMatchNode extends NodeBase {
  readonly kind: 'CidrMatchNode'
  readonly field: string
  readonly cidr: string
}

/** A number, compared for equality or with `|lt|lte|gt|gte`. Equal also to its string form. */
export interface NumberMatchNode extends NodeBase {
  readonly kind: 'NumberMatchNode'
  readonly field: string | null
  readonly op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'
  readonly value: number
}

export interface BooleanMatchNode extends NodeBase {
  readonly kind: 'BooleanMatchNode'
  readonly field: string
  readonly value: boolean
}

/** `field: null`: the field is absent or null. */
export interface NullMatchNode extends NodeBase {
  readonly kind: 'NullMatchNode'
  readonly field: string
}

/** `|exists: true`; `|exists: false` is a NotNode around this. */
export interface ExistsNode extends NodeBase {
  readonly kind: 'ExistsNode'
  readonly field: string
}

/** `|fieldref`: compares the values of two fields of the same event. */
export interface FieldRefNode extends NodeBase {
  readonly kind: 'FieldRefNode'
  readonly field: string
  readonly otherField: string
  readonly match: 'eq' | 'startswith' | 'endswith' | 'contains'
  readonly cased: boolean
}

/** `|minute|hour|day|week|month|year`: a part of a date field, as a number. */
export interface TimePartNode extends NodeBase {
  readonly kind: 'TimePartNode'
  readonly field: string
  readonly part: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'
  readonly value: number
}

type Fields<T extends Expression> = Omit<T, 'kind'>

/** A frozen factory per node kind: `AndNode.create({ children, location })`, `AndNode.is(node)`. */
function factory<T extends Expression>(kind: T['kind']) {
  return Object.freeze({
    create: (fields: Fields<T>): T => Object.freeze({ kind, ...fields }) as unknown as T,
    is: (node: Expression | null | undefined): node is T => node?.kind === kind,
  })
}

export const AndNode = factory<AndNode>('AndNode')
export const OrNode = factory<OrNode>('OrNode')
export const NotNode = factory<NotNode>('NotNode')
export const StringMatchNode = factory<StringMatchNode>('StringMatchNode')
export const RegexMatchNode = factory<RegexMatchNode>('RegexMatchNode')
export const CidrMatchNode = factory<CidrMatchNode>('CidrMatchNode')
export const NumberMatchNode = factory<NumberMatchNode>('NumberMatchNode')
export const BooleanMatchNode = factory<BooleanMatchNode>('BooleanMatchNode')
export const NullMatchNode = factory<NullMatchNode>('NullMatchNode')
export const ExistsNode = factory<ExistsNode>('ExistsNode')
export const FieldRefNode = factory<FieldRefNode>('FieldRefNode')
export const TimePartNode = factory<TimePartNode>('TimePartNode')

/** Every node kind, for exhaustive tables (`satisfies Record<NodeKind, …>`). */
export const NODE_KINDS = [
  'AndNode',
  'OrNode',
  'NotNode',
  'StringMatchNode',
  'RegexMatchNode',
  'CidrMatchNode',
  'NumberMatchNode',
  'BooleanMatchNode',
  'NullMatchNode',
  'ExistsNode',
  'FieldRefNode',
  'TimePartNode',
] as const satisfies readonly NodeKind[]

/** Fails to compile when a node kind is missing from NODE_KINDS. */
export const NODE_KINDS_ARE_EXHAUSTIVE: [Exclude<NodeKind, (typeof NODE_KINDS)[number]>] extends [never] ? true : never = true
