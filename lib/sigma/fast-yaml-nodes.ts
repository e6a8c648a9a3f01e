import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml'

export type Node = YAMLMap | YAMLSeq | Scalar

/*
 * Nodes are made as the `yaml` classes would make them, without their
 * constructors, which define the node-type tag with Object.defineProperty
 * (a third of the reading time). The tag is the same registered symbol, so
 * `isMap`/`isSeq`/`isScalar`/`isPair` and the prototype methods work alike.
 */
const NODE_TYPE = Symbol.for('yaml.node.type')
const TAGS = { map: Symbol.for('yaml.map'), seq: Symbol.for('yaml.seq'), scalar: Symbol.for('yaml.scalar'), pair: Symbol.for('yaml.pair') }

function make<T extends object>(prototype: T, tag: symbol, fields: Record<string, unknown>): T {
  return Object.assign(Object.create(prototype) as T, { [NODE_TYPE]: tag }, fields)
}
export const newScalar = (value: unknown): Scalar => make(Scalar.prototype as Scalar, TAGS.scalar, { value })
export const newMap = (): YAMLMap => make(YAMLMap.prototype, TAGS.map, { items: [] })
export const newSeq = (): YAMLSeq => make(YAMLSeq.prototype, TAGS.seq, { items: [] })
export const newPair = (key: Scalar, value: Node): Pair => make(Pair.prototype as Pair, TAGS.pair, { key, value })

class Unsupported {}
export const UNSUPPORTED = new Unsupported()
export function bail(): never {
  throw UNSUPPORTED
}

