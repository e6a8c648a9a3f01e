import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml'
import { FlowReader } from './fast-yaml-flow'
import { bail, newMap, newPair, newScalar, newSeq, UNSUPPORTED, type Node } from './fast-yaml-nodes'
import { quoteEnd, scalar } from './fast-yaml-scalars'

export { resolvePlain } from './fast-yaml-scalars'

/**
 * A fast reader for the plain YAML that Sigma rules are written in: block maps
 * and lists, one-line plain and quoted scalars, one-line flow lists and maps,
 * `|` and `>` block scalars, comments and `---` separators. It builds the
 * same nodes, with the same ranges, as the `yaml` package, which is about
 * four times slower on the corpus. On anything else (anchors, tags, multi-line
 * flow or plain scalars, duplicate keys, tabs, any syntax error…) it returns
 * undefined and the caller uses the `yaml` package, which also reports errors.
 * `fast-yaml.test.ts` checks it node by node against `yaml` on every corpus file.
 */
export interface FastDocument {
  readonly contents: YAMLMap | YAMLSeq | Scalar | null
  /** [start, contents end, end] as in `yaml`'s Document.range. */
  readonly range: [number, number, number]
}

interface Line {
  readonly start: number // offset of the first character
  readonly indent: number
  readonly text: string // without the line break
}

export function parseFastYaml(text: string): FastDocument[] | undefined {
  try {
    return parseDocuments(text)
  } catch (error) {
    if (error === UNSUPPORTED) return undefined
    throw error
  }
}

function parseDocuments(text: string): FastDocument[] {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) bail()
  // JavaScript's trim() also removes these, YAML does not: a plain `cmd.exe\u00a0` must keep its last character.
  if (/[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(text)) bail()
  const lines: Line[] = []
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const raw = text.slice(start, end)
    let indent = 0
    while (raw.charCodeAt(indent) === 32) indent++
    lines.push({ start, indent, text: raw })
    start = end + 1
    if (end === text.length) break
  }
  // Split at `---` lines: each segment is [offset of its marker (or 0), first line, end line).
  const segments: [number, number, number][] = []
  let segmentStart = 0
  let firstLine = 0
  lines.forEach((line, i) => {
    const first = line.text.charCodeAt(0)
    if (first === 46 /* . */ ? line.text.startsWith('...') : first === 37 /* % */) bail()
    if (first !== 45 /* - */ || !/^---(\s|$)/.test(line.text)) return
    const rest = line.text.slice(3).trim()
    if (rest !== '' && !rest.startsWith('#')) bail()
    segments.push([segmentStart, firstLine, i])
    segmentStart = line.start
    firstLine = i + 1
  })
  segments.push([segmentStart, firstLine, lines.length])
  const isBlank = (from: number, to: number) => lines.slice(from, to).every((l) => l.text.trim() === '' || l.text.trimStart().startsWith('#'))
  // Content before a first `---` that is only comments is not a document.
  if (segments.length > 1 && isBlank(segments[0]![1], segments[0]![2])) segments.shift()
  return segments.map(([marker, from, to], index) => {
    if (isBlank(from, to)) bail()
    // Without a `---`, a document starts at its first line that is not blank or a comment.
    const hasMarker = from > 0
    const start = hasMarker ? marker : lines.slice(from, to).find((l) => l.text.trim() !== '' && !l.text.trimStart().startsWith('#'))!.start
    const end = index + 1 < segments.length ? segments[index + 1]![0] : text.length
    return parseDocument(text, lines.slice(from, to), start, end)
  })
}

function parseDocument(text: string, lines: Line[], start: number, end: number): FastDocument {
  const reader = new BlockReader(text, lines)
  reader.skipBlank()
  if (reader.done()) return { contents: null, range: [start, end, end] }
  const contents = reader.block(-1)
  reader.skipBlank()
  if (!reader.done()) bail()
  // Like `yaml`, the contents end after the last line that is not blank or a comment.
  // `yaml` ends a document that ends in an empty value (`key:`) oddly: declined.
  if (endsEmpty(contents)) bail()
  // (An indented comment after the last line would belong to the contents in `yaml`: declined.)
  const last = [...lines].reverse().find((l) => l.text.trim() !== '' && !(l.indent === 0 && l.text.startsWith('#')))!
  if (last.text.trimStart().startsWith('#')) bail()
  const contentEnd = Math.min(last.start + last.text.length + 1, end)
  return { contents, range: [start, contentEnd, end] }
}

function endsEmpty(node: Node | undefined): boolean {
  if (node instanceof YAMLMap || node instanceof YAMLSeq) {
    const last = node.items[node.items.length - 1] as Node | Pair | undefined
    return endsEmpty(last instanceof Pair ? (last.value as Node) : last)
  }
  return node instanceof Scalar && node.value === null && node.source === ''
}

class BlockReader {
  private index = 0

  constructor(
    private readonly source: string,
    private readonly lines: Line[],
  ) {}

  done(): boolean {
    return this.index >= this.lines.length
  }

  private blank(line: Line): boolean {
    const trimmed = line.text.trimStart()
    return trimmed === '' || trimmed.startsWith('#')
  }

  skipBlank(): void {
    while (!this.done() && this.blank(this.lines[this.index]!)) this.index++
  }

  private peek(): Line | undefined {
    this.skipBlank()
    return this.lines[this.index]
  }

  /** The block node whose lines are indented more than `parent`. */
  block(parent: number): Node {
    const line = this.peek()
    if (!line || line.indent <= parent) bail()
    return this.node(line.indent, line.start + line.indent)
  }

  /** A map or a list starting at column `indent` (and at `offset`, inside a `- ` line for compact maps). */
  private node(indent: number, offset: number): Node {
    const rest = this.source.slice(offset, this.lineEnd(offset))
    return rest === '-' || rest.startsWith('- ') ? this.sequence(indent) : this.mapping(indent, offset)
  }

  private lineEnd(offset: number): number {
    const end = this.source.indexOf('\n', offset)
    return end === -1 ? this.source.length : end
  }

  private sequence(indent: number): YAMLSeq {
    const seq = newSeq()
    const start = this.peek()!.start + indent
    let end = start
    for (let line = this.peek(); line && line.indent === indent && /^-( |$)/.test(line.text.slice(indent)); line = this.peek()) {
      const dash = line.start + indent
      const after = line.text.slice(indent + 1)
      const spaces = after.length - after.trimStart().length
      const content = after.trimStart()
      if (content === '' || content.startsWith('#')) {
        this.index++
        const next = this.peek()
        if (!next || next.indent <= indent) bail()
        seq.items.push(this.block(indent))
      } else {
        const column = indent + 1 + spaces
        if (isMapEntry(content)) {
          // A compact map: `- key: value` with more keys below at the key's column.
          seq.items.push(this.mapping(column, dash + 1 + spaces))
        } else {
          this.index++
          seq.items.push(this.inlineValue(content, dash + 1 + spaces, column))
        }
      }
      end = (seq.items[seq.items.length - 1] as Node).range![2]
    }
    seq.range = [start, end, end]
    return seq
  }

  private mapping(indent: number, firstOffset: number): YAMLMap {
    const map = newMap()
    const keys = new Set<unknown>()
    let offset = firstOffset
    let end = firstOffset
    for (;;) {
      const line = this.lines[this.index]!
      const content = this.source.slice(offset, line.start + line.text.length)
      const entry = splitEntry(content)
      if (!entry) bail()
      const key = scalar(entry.key, offset)
      if (keys.has(key.value) || key.value === '<<') bail()
      keys.add(key.value)
      const valueText = entry.value
      const valueOffset = offset + entry.valueStart
      let value: Node
      if (valueText === '' || valueText.startsWith('#')) {
        this.index++
        const next = this.peek()
        if (next && (next.indent > indent || (next.indent === indent && /^-( |$)/.test(next.text.slice(indent))))) {
          value = next.indent === indent ? this.sequence(indent) : this.block(indent)
        } else {
          value = newScalar(null)
          const nodeEnd = valueText === '' ? valueOffset : this.lineEnd(valueOffset) + 1
          value.range = [valueOffset, valueOffset, Math.min(nodeEnd, this.source.length)]
          ;(value as Scalar).source = ''
          ;(value as Scalar).type = Scalar.PLAIN
        }
      } else {
        this.index++
        value = this.inlineValue(valueText, valueOffset, indent)
      }
      map.items.push(newPair(key, value))
      end = value.range![2]
      const next = this.peek()
      if (!next || next.indent !== indent) break
      if (next.indent < indent) break
      offset = next.start + indent
      if (/^-( |$)/.test(next.text.slice(indent))) break
    }
    map.range = [firstOffset, end, end]
    return map
  }

  /** The value after `key: ` or `- `: a flow collection, a block scalar or a one-line scalar. */
  private inlineValue(content: string, offset: number, indent: number): Node {
    const first = content[0]
    if (first === '|' || first === '>') return this.blockScalar(content, offset, indent)
    if (first === '[' || first === '{') {
      const flow = new FlowReader(this.source, offset)
      const node = flow.value()
      const rest = this.source.slice(flow.position, this.lineEnd(offset))
      if (rest.trim() !== '' && !/^\s+#/.test(rest)) bail()
      return this.toLineEnd(node)
    }
    const node = this.toLineEnd(scalar(content, offset))
    // A plain scalar continued on the next, more indented line is multi-line: not handled here.
    const next = this.peek()
    if (next && next.indent > indent && node.type === Scalar.PLAIN && !this.blank(next)) bail()
    return node
  }

  /** In block context a node ends after its line (comment and line break included), as in `yaml`. */
  private toLineEnd<T extends Node>(node: T): T {
    const [start, valueEnd] = node.range!
    node.range = [start, valueEnd, Math.min(this.lineEnd(valueEnd) + 1, this.source.length)]
    return node
  }

  private blockScalar(header: string, offset: number, parent: number): Scalar {
    const match = /^([|>])([-+]?)(\s+#.*)?\s*$/.exec(header)
    if (!match) bail()
    const [, style, chomp] = match!
    const lines: Line[] = []
    let contentIndent = -1
    while (!this.done()) {
      const line = this.lines[this.index]!
      const empty = line.text.trim() === ''
      if (!empty) {
        if (contentIndent === -1) {
          if (line.indent <= parent) break
          contentIndent = line.indent
        } else if (line.indent < contentIndent) break
        if (style === '>' && line.indent > contentIndent) bail()
      } else if (line.text.length > (contentIndent === -1 ? parent + 1 : contentIndent) && contentIndent !== -1) bail()
      lines.push(line)
      this.index++
    }
    while (lines.length && lines[lines.length - 1]!.text.trim() === '') {
      lines.pop()
    }
    if (contentIndent === -1) bail()
    const texts = lines.map((l) => l.text.slice(contentIndent))
    let value = style === '|' ? texts.join('\n') : fold(texts)
    if (chomp !== '-') value += '\n'
    if (chomp === '+') bail()
    const last = lines[lines.length - 1]!
    const node = newScalar(value)
    node.type = style === '|' ? Scalar.BLOCK_LITERAL : Scalar.BLOCK_FOLDED
    const end = Math.min(last.start + last.text.length + 1, this.source.length)
    node.range = [offset, end, end]
    node.source = value
    return node
  }
}

/** `>` folding: single line breaks become spaces, each empty line a line break. */
function fold(lines: readonly string[]): string {
  let out = ''
  let pendingBreaks = 0
  for (const [i, line] of lines.entries()) {
    if (line === '') {
      pendingBreaks++
      continue
    }
    if (i > 0) out += pendingBreaks ? '\n'.repeat(pendingBreaks) : ' '
    pendingBreaks = 0
    out += line
  }
  return out
}

/** Whether a line's content is `key: value` or `key:` (and not a scalar that merely contains a colon). */
function isMapEntry(content: string): boolean {
  return splitEntry(content) !== undefined
}

function splitEntry(content: string): { key: string; colon: number; value: string; valueStart: number } | undefined {
  let colon: number
  if (content[0] === '"' || content[0] === "'") {
    const close = quoteEnd(content, 0)
    if (close === -1 || content[close] !== ':' || (content[close + 1] !== undefined && content[close + 1] !== ' ')) return undefined
    colon = close
  } else {
    if (/^[[\]{},#&*!|>%@`?]/.test(content) || content.startsWith('- ')) return undefined
    colon = -1
    for (let i = content.indexOf(':'); i !== -1; i = content.indexOf(':', i + 1)) {
      const next = content[i + 1]
      if (next === undefined || next === ' ') {
        colon = i
        break
      }
    }
    if (colon <= 0 || content.slice(0, colon).includes(' #')) return undefined
  }
  const afterColon = content.slice(colon + 1)
  const value = afterColon.trimStart()
  return { key: content.slice(0, colon).trimEnd(), colon, value: value.trimEnd(), valueStart: colon + 1 + afterColon.length - value.length }
}

