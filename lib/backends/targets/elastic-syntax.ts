/**
 * Lexical pieces EQL and ES|QL share: double-quoted strings with backslash
 * escapes, and field names that need backquotes unless they are plain dotted
 * identifiers.
 */
export function elasticString(text: string): string {
  return `"${text.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!)}"`
}

export function elasticField(f: string): string {
  return /^[A-Za-z_@][\w.@]*$/.test(f) ? f : `\`${f.replaceAll('`', '``')}\``
}
