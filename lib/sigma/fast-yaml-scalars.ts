import type { Scalar } from 'yaml'
import { bail, newScalar } from './fast-yaml-nodes'

const COMMENT = /\s+#.*$|^#.*$/

/** The index just after the closing quote of a quoted scalar starting at `start`, or -1. */
export function quoteEnd(text: string, start: number): number {
  const quote = text[start]
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++
      else return i + 1
    }
  }
  return -1
}

/** A one-line scalar: quoted, or plain with its value resolved as YAML 1.2's core schema does. */
export function scalar(content: string, offset: number): Scalar {
  const first = content[0]
  if (first === '"' || first === "'") {
    const end = quoteEnd(content, 0)
    if (end === -1) bail()
    const rest = content.slice(end)
    if (rest.trim() !== '' && !/^\s+#/.test(rest)) bail()
    const inner = content.slice(1, end - 1)
    const node = newScalar(first === "'" ? inner.replace(/''/g, "'") : unescapeDouble(inner))
    node.type = first === "'" ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE'
    node.range = [offset, offset + end, offset + end]
    node.source = node.value as string
    return node
  }
  if (/^[[\]{},#&*!|>%@`]/.test(content) || /^[-?:](\s|$)/.test(content)) bail()
  const text = content.replace(COMMENT, '')
  // A plain scalar ends before trailing spaces (`- cmd.exe ` is `cmd.exe`); the yaml package gives their range.
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #') || text.endsWith(' ')) bail()
  const node = newScalar(resolvePlain(text))
  node.type = 'PLAIN'
  node.range = [offset, offset + text.length, offset + text.length]
  node.source = text
  return node
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
}

function unescapeDouble(inner: string): string {
  return inner.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, code: string) => {
    if (code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16))
    const escaped = ESCAPES[code]
    return escaped ?? bail()
  })
}

/** YAML 1.2 core schema, as the `yaml` package resolves plain scalars. */
export function resolvePlain(text: string): string | number | boolean | null {
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null
  if (/^(true|True|TRUE)$/.test(text)) return true
  if (/^(false|False|FALSE)$/.test(text)) return false
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8)
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text)
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16)
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text[0] === '-' ? -Infinity : Infinity
  if (/^\.(nan|NaN|NAN)$/.test(text)) return NaN
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return parseFloat(text)
  if (/^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text)
  return text
}

