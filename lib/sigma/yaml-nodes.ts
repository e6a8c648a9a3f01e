import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml'
import type { Location } from './position'
import type { SourceFile } from './source-file'

/** A YAML node with aliases resolved; `null` for an absent value. */
export type YamlNode = Scalar | YAMLMap | YAMLSeq | null

export interface Entry {
  readonly key: string
  readonly keyNode: Node | null
  readonly value: YamlNode
  readonly location: Location
}

/** Reads YAML nodes of one document with their locations. */
export class YamlReader {
  constructor(
    readonly source: SourceFile,
    readonly doc: Document | undefined,
  ) {}

  resolve(node: unknown): YamlNode {
    let current = node
    for (let hops = 0; isAlias(current) && hops < 32; hops++) current = this.doc ? current.resolve(this.doc) : undefined
    if (isScalar(current) || isMap(current) || isSeq(current)) return current
    return null
  }

  location(node: unknown, fallback?: Location): Location {
    return this.source.nodeLocation(node as { range?: number[] } | null, fallback)
  }

  entries(map: YAMLMap): Entry[] {
    const entries: Entry[] = []
    for (const pair of map.items) {
      if (!isPair(pair)) continue
      const keyNode = this.resolve(pair.key)
      const key = isScalar(keyNode) ? String(keyNode.value ?? '') : ''
      entries.push({ key, keyNode: keyNode, value: this.resolve(pair.value), location: this.location(pair.key ?? pair.value, this.location(map)) })
    }
    return entries
  }

  /**
   * Where text inside a scalar starts: the scalar's offset plus the quote, found
   * by searching the source so that plain and quoted scalars are exact.
   */
  textOffset(node: Scalar | Node | null, text: string): number {
    const range = node?.range
    if (!range) return 0
    const found = text ? this.source.text.indexOf(text, range[0]) : -1
    if (found !== -1 && found <= range[1]) return found
    return range[0]
  }
}

export function isString(node: YamlNode): node is Scalar<string> {
  return isScalar(node) && typeof node.value === 'string'
}

export function typeName(node: YamlNode): string {
  if (node === null) return 'nothing'
  if (isMap(node)) return 'a map'
  if (isSeq(node)) return 'a list'
  const value = node.value
  if (value === null) return '`null`'
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : 'a scalar'
}

export { isMap, isScalar, isSeq }
