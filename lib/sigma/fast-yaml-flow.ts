import type { Scalar, YAMLMap, YAMLSeq } from 'yaml'
import { bail, newMap, newPair, newScalar, newSeq, type Node } from './fast-yaml-nodes'
import { quoteEnd, resolvePlain, scalar } from './fast-yaml-scalars'

/** One-line flow collections: `[a, 'b', {c: d}]`. */
export class FlowReader {
  constructor(
    private readonly source: string,
    public position: number,
  ) {}

  private skipSpaces(): void {
    while (this.source[this.position] === ' ') this.position++
  }

  value(): Node {
    this.skipSpaces()
    const char = this.source[this.position]
    if (char === '[') return this.list()
    if (char === '{') return this.map()
    return this.scalar()
  }

  private list(): YAMLSeq {
    const seq = newSeq()
    seq.flow = true
    const start = this.position++
    this.items(']', () => seq.items.push(this.value()))
    seq.range = [start, this.position, this.position]
    return seq
  }

  private map(): YAMLMap {
    const map = newMap()
    map.flow = true
    const start = this.position++
    const keys = new Set<unknown>()
    this.items('}', () => {
      const key = this.scalar(true)
      if (keys.has(key.value)) bail()
      keys.add(key.value)
      this.skipSpaces()
      if (this.source[this.position] !== ':') bail()
      this.position++
      map.items.push(newPair(key, this.value()))
    })
    map.range = [start, this.position, this.position]
    return map
  }

  private items(close: string, item: () => void): void {
    this.skipSpaces()
    if (this.source[this.position] === close) {
      this.position++
      return
    }
    for (;;) {
      item()
      this.skipSpaces()
      const char = this.source[this.position]
      this.position++
      if (char === close) return
      if (char !== ',') bail()
      this.skipSpaces()
      if (this.source[this.position] === close) bail()
    }
  }

  private scalar(key = false): Scalar {
    this.skipSpaces()
    const start = this.position
    const char = this.source[start]
    if (char === '"' || char === "'") {
      const end = quoteEnd(this.source, start)
      if (end === -1 || this.source.slice(start, end).includes('\n')) bail()
      this.position = end
      return scalar(this.source.slice(start, end), start)
    }
    let end = start
    while (end < this.source.length && !/[,[\]{}\n]/.test(this.source[end]!) && !(this.source[end] === ':' && (key || /[\s,\]}]/.test(this.source[end + 1] ?? ' ')))) {
      if (this.source[end] === '#' && this.source[end - 1] === ' ') bail()
      end++
    }
    const text = this.source.slice(start, end).trimEnd()
    if (text === '' || /^[&*!|>%@`'"]/.test(text)) bail()
    this.position = start + text.length
    const node = newScalar(resolvePlain(text))
    node.type = 'PLAIN'
    node.range = [start, start + text.length, start + text.length]
    node.source = text
    return node
  }
}
