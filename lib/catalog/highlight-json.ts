/**
 * A fast path for the largest texts the prebuild highlights: output-format
 * documents in JSON (Watcher, Kibana NDJSON, Sentinel). A JSON tokenizer written
 * out by hand is about two orders of magnitude faster than a TextMate grammar and,
 * on valid JSON, gives the token classes shiki's JSON grammar gives with the
 * catalog's theme (checked by highlight-json.test.ts): keys `hl-keyword`, string
 * values `hl-string-expression`, numbers and literals `hl-constant`, `:` and `,`
 * `hl-punctuation`. Anything else returns null and goes through shiki.
 */

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const TOKEN = /("(?:[^"\\\n]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)|([:,])|([{}[\]])|([ \t]+)|(\n)/y

export function highlightJsonLines(code: string): string[] | null {
  const lines: string[] = []
  let line = ''
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < code.length) {
    const start = TOKEN.lastIndex
    const m = TOKEN.exec(code)
    if (!m || m.index !== start) return null
    const [, string, colon, constant, punctuation, bracket, space, newline] = m
    if (string !== undefined) {
      line += colon !== undefined
        ? `<span class="hl-keyword">${escape(string)}</span>${colon.length > 1 ? colon.slice(0, -1) : ''}<span class="hl-punctuation">:</span>`
        : `<span class="hl-string-expression">${escape(string)}</span>`
    } else if (constant !== undefined) line += `<span class="hl-constant">${constant}</span>`
    else if (punctuation !== undefined) line += `<span class="hl-punctuation">${punctuation}</span>`
    else if (bracket !== undefined || space !== undefined) line += bracket ?? space
    else if (newline !== undefined) {
      lines.push(line)
      line = ''
    }
  }
  lines.push(line)
  return lines
}
