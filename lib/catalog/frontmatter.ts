import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml'
import type { Diagnostic } from '../sigma/diagnostics'
import { nestedTooDeep } from '../sigma/limits'
import { yamlCstTooDeep, yamlTooDeep } from '../sigma/nesting'
import type { Location } from '../sigma/position'
import { SourceFile } from '../sigma/source-file'

/** An MDX file split into its YAML frontmatter (parsed, with positions) and its body. */
export interface SplitFile {
  readonly source: SourceFile
  /** The parsed frontmatter, or null when the file has none. */
  readonly doc: Document.Parsed | null
  /** Offset of the first frontmatter character in the file. */
  readonly frontmatterOffset: number
  /**
   * The MDX body with the frontmatter replaced by blank lines, so that line
   * numbers in MDX errors are line numbers of the file.
   */
  readonly body: string
  /** Frontmatter nested deeper than `LIMITS.maxDepth`: not parsed (`doc` is null), this is the error. */
  readonly tooDeep?: Diagnostic
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m

export function splitFile(file: string, text: string): SplitFile {
  const source = new SourceFile(file, text)
  const match = text.startsWith('---') ? FENCE.exec(text) : null
  if (!match || match.index !== 0) return { source, doc: null, frontmatterOffset: 0, body: text }
  const yamlText = match[1] ?? ''
  const frontmatterOffset = text.indexOf('\n') + 1
  const blank = match[0].replace(/[^\n]/g, '')
  const body = blank + text.slice(match[0].length)
  const deep = yamlTooDeep(yamlText) ?? yamlCstTooDeep(yamlText)
  if (deep !== undefined) return { source, doc: null, frontmatterOffset, body, tooDeep: nestedTooDeep('The frontmatter', source.location(frontmatterOffset + deep)) }
  const doc = parseDocument(yamlText, { prettyErrors: false })
  return { source, doc, frontmatterOffset, body }
}

/** The location in the file of a YAML node, given offsets relative to the frontmatter. */
export function frontmatterLocation(split: SplitFile, range: readonly number[] | null | undefined): Location {
  if (!range || range[0] === undefined) return split.source.location(split.frontmatterOffset)
  return split.source.location(split.frontmatterOffset + range[0], split.frontmatterOffset + (range[1] ?? range[0]))
}

/**
 * The YAML node at a data path (as zod reports it). Where the path runs out — a
 * missing key — the deepest node that exists; for a map entry, its key.
 */
export function nodeAt(doc: Document.Parsed, path: readonly PropertyKey[]): Node | null {
  let node: unknown = doc.contents
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))
      if (!pair) return node
      if (pair.value === null || pair.value === undefined) return pair.key as Node
      node = pair.value
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment]
    } else {
      return (node as Node | null) ?? null
    }
  }
  return (node as Node | null) ?? null
}

/**
 * Where a line:column inside a block scalar (such as the `sigma: |` YAML) lies in the file:
 * block content starts on the line after its header, indented by the block's indentation.
 */
export function blockScalarMapper(split: SplitFile, node: Node | null): (location: Location) => Location {
  const range = node?.range
  if (!range) return (l) => ({ ...l, file: split.source.file })
  const raw = split.source.text.slice(split.frontmatterOffset + range[0], split.frontmatterOffset + range[1])
  const headerEnd = raw.indexOf('\n')
  const content = raw.slice(headerEnd + 1)
  const indent = /^( *)\S/m.exec(content)?.[1]?.length ?? 0
  const first = split.source.point(split.frontmatterOffset + range[0] + headerEnd + 1)
  const isBlock = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
  return (l) => {
    if (!isBlock) return { file: split.source.file, start: first }
    const shift = (p: Location['start']) => {
      const line = first.line + p.line - 1
      const column = p.column + indent
      const lineStart = split.source.lineCounter.lineStarts[line - 1] ?? 0
      return { line, column, offset: lineStart + column - 1 }
    }
    return { file: split.source.file, start: shift(l.start), ...(l.end ? { end: shift(l.end) } : {}) }
  }
}
