import { Parser } from 'yaml'
import { LIMITS } from './limits'

/**
 * Linear scans that bound how deeply a text nests, run before a recursive parser sees it:
 * each answers the offset where the nesting first goes past `limit`, or undefined. They
 * may overestimate a little (never for real rules: `nesting.test.ts` runs them over the
 * corpus), but never miss a deep structure that the parser would build.
 */

/**
 * YAML: block levels (a stack of indentations, plus one per `- ` of a compact `- - x`)
 * plus flow levels (`[`, `{`), skipping quoted scalars, comments and block scalars.
 */
export function yamlTooDeep(text: string, limit: number = LIMITS.maxDepth): number | undefined {
  const stack: number[] = []
  let flow = 0
  let quote: '"' | "'" | null = null
  let blockParent = -1 // inside a `|`/`>` block scalar: the column of the node that owns it
  let blockIndent = -1 // …and its content's indentation, from its first line
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    let i = start
    while (text.charCodeAt(i) === 32) i++
    const indent = i - start
    const blank = i >= end || text[i] === '#' || text[i] === '\r'
    if (blockParent !== -1 && (blank || (indent > blockParent && (blockIndent === -1 || indent >= blockIndent)))) {
      if (!blank && blockIndent === -1) blockIndent = indent
      start = end + 1
      continue
    }
    blockParent = -1
    blockIndent = -1
    if (!quote && flow === 0) {
      if (blank) {
        start = end + 1
        continue
      }
      if (indent === 0 && (text.startsWith('---', i) || text.startsWith('...', i))) {
        stack.length = 0
        i += 3
      }
      while (stack.length && stack[stack.length - 1]! >= indent) stack.pop()
      stack.push(indent)
      if (stack.length > limit) return i
    }
    let nodeStart = !quote
    let segment = indent // the column of the innermost block node on this line
    for (; i < end; i++) {
      const c = text[i]!
      if (quote) {
        if (quote === '"' && c === '\\') i++
        else if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++
          else quote = null
        }
        continue
      }
      if (c === ' ' || c === '\r') continue
      if (c === '#' && (i === start || /\s/.test(text[i - 1]!))) break
      if (nodeStart && flow === 0 && (c === '-' || c === '?') && /[ \r]/.test(text[i + 1] ?? ' ')) {
        stack.push(i - start + 1) // a compact nested block: `- - x`, `- key: x`
        if (stack.length + flow > limit) return i
        let next = i + 1
        while (text[next] === ' ') next++
        segment = next - start
        continue
      }
      if (nodeStart && (c === '"' || c === "'")) {
        quote = c
        nodeStart = false
        continue
      }
      if (nodeStart && (c === '&' || c === '!')) {
        while (i + 1 < end && text[i + 1] !== ' ') i++ // an anchor or tag: the node starts after it
        continue
      }
      if (nodeStart && flow === 0 && (c === '|' || c === '>')) {
        blockParent = segment
        break
      }
      if (c === '[' || c === '{') {
        if (nodeStart || flow > 0) {
          flow++
          if (stack.length + flow > limit) return i
          nodeStart = true
          continue
        }
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--
        nodeStart = false
        continue
      } else if (c === ',' && flow > 0) {
        nodeStart = true
        continue
      } else if (c === ':' && /[\s,\]}]/.test(text[i + 1] ?? ' ')) {
        nodeStart = true
        continue
      }
      nodeStart = false
    }
    start = end + 1
  }
  return undefined
}

/**
 * YAML, exactly: the `yaml` package's CST parser keeps an explicit stack (it reads 100,000
 * levels without recursing), its composer recurses; this walks the CST iteratively and
 * answers the offset of the first collection deeper than `limit`. Run before `yaml`
 * composes a text that the fast reader declined, as a check on `yamlTooDeep`'s estimate.
 */
export function yamlCstTooDeep(text: string, limit: number = LIMITS.maxDepth): number | undefined {
  interface CstNode {
    readonly type?: string
    readonly offset?: number
    readonly value?: unknown
    readonly items?: readonly { readonly key?: unknown; readonly value?: unknown }[]
  }
  const stack: [CstNode | null | undefined, number][] = []
  for (const token of new Parser().parse(text)) stack.push([token as CstNode, 0])
  while (stack.length) {
    const [node, depth] = stack.pop()!
    if (!node || typeof node !== 'object') continue
    if (node.type === 'document') stack.push([node.value as CstNode, depth])
    else if (Array.isArray(node.items)) {
      if (depth + 1 > limit) return node.offset ?? 0
      for (const item of node.items) stack.push([item.key as CstNode, depth + 1], [item.value as CstNode, depth + 1])
    }
  }
  return undefined
}

/**
 * JSON (an event line) and TOML values: `[`/`{` levels outside strings, plus for TOML
 * the parts of a dotted key (`[a.b.c]`, `a.b.c = 1`), which smol-toml also nests.
 */
export function bracketsTooDeep(text: string, options: { toml?: boolean; limit?: number } = {}): number | undefined {
  const limit = options.limit ?? LIMITS.maxDepth
  let depth = 0
  let quote: string | null = null
  let lineStart = true
  let keyDots = 0
  let header = false // on a `[table.name]` line
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === '\\' && quote === '"') i++
      else if (c === quote) quote = null
      continue
    }
    if (c === '\n') {
      lineStart = true
      header = false
      keyDots = 0
      continue
    }
    if (options.toml && c === '#') {
      const next = text.indexOf('\n', i)
      i = next === -1 ? text.length : next - 1
      continue
    }
    if (options.toml && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
      // A multi-line string: skipped to its closing quotes (in a basic one, `\"""` is escaped).
      const close = text.slice(i, i + 3)
      let j = text.indexOf(close, i + 3)
      while (close === '"""' && j > 0 && text[j - 1] === '\\') j = text.indexOf(close, j + 1)
      if (j === -1) return undefined
      i = j + 2
      while (text[i + 1] === close[0]) i++ // `''''` ends with the last three quotes
      continue
    }
    if (c === '"' || (options.toml && c === "'")) {
      quote = c
      continue
    }
    if (options.toml && c === '.' && (header || (depth === 0 && lineStart))) {
      if (++keyDots + depth > limit) return i
      continue
    }
    if (options.toml && c === '=' && depth === 0) lineStart = false
    if (options.toml && c === '[' && depth === 0 && lineStart) header = true
    if (c === '[' || c === '{') {
      if (++depth + keyDots > limit) return i
    } else if ((c === ']' || c === '}') && depth > 0) depth--
  }
  return undefined
}

/**
 * An MDX guide: container levels of a line (indentation by 2, `>` quotes, list markers)
 * plus open JSX elements plus open emphasis delimiters (`*`, `_`) of a paragraph; fenced
 * code and code spans are skipped.
 */
export function mdxTooDeep(body: string, limit: number = LIMITS.maxDepth): number | undefined {
  let fence: string | null = null
  let jsx = 0
  let emphasis = 0
  for (let start = 0; start <= body.length; ) {
    let end = body.indexOf('\n', start)
    if (end === -1) end = body.length
    const line = body.slice(start, end)
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line)
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null
      start = end + 1
      continue
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!
      start = end + 1
      continue
    }
    if (line.trim() === '') emphasis = 0
    const containers = /^(?:[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]))*/.exec(line)![0]
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length
    const level = Math.floor(indent / 2) + (containers.match(/>|[-*+][ \t]|\d[.)]/g)?.length ?? 0)
    const text = line.slice(containers.length).replace(/(`+)[\s\S]*?\1/g, 'c') // a code span: plain text
    for (const match of text.matchAll(/<\/?[A-Za-z][^<>]*>|<\/?[A-Za-z]|(?<![*_\w])([*_]+)(?=\S)|(?<=\S)([*_]+)(?![*_\w])/g)) {
      const token = match[0]
      if (match[1]) emphasis += match[1].length
      else if (match[2]) emphasis = Math.max(0, emphasis - match[2].length)
      else if (token.startsWith('</')) jsx = Math.max(0, jsx - 1)
      else if (!token.endsWith('/>')) jsx++
      if (level + jsx + emphasis > limit) return start + containers.length + match.index
    }
    if (level + jsx + emphasis > limit) return start
    start = end + 1
  }
  return undefined
}
