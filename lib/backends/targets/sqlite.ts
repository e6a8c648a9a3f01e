import type { SigmaString } from '../../sigma/sigma-string'
import { unsupported } from '../compiler/unsupported'
import { caseVariants, hasNonAsciiCase } from '../shared/case-fold'
import { cidrRegex } from '../shared/cidr-regex'
import { backslashEscape, writePattern } from '../shared/pattern'
import { defineTarget } from '../target'

/**
 * SQLite: `SELECT * FROM logs WHERE …` over a table with one column per
 * field (an absent field is NULL).
 *
 * - Sigma matches case-insensitively: `LIKE … ESCAPE '\'`, which folds ASCII
 *   letters only; a value with a non-ASCII cased letter is matched with
 *   `REGEXP` and explicit classes (`[Éé]`) instead.
 * - `cased` uses `GLOB` (case-sensitive), whose only escape is a bracket
 *   class: `[*]`, `[?]`, `[[]`. SQLite has no `GLOB … ESCAPE`.
 * - LIKE and GLOB read text as a C string: a pattern holding NUL is a `REGEXP`
 *   instead (NUL is spliced in as `char(0)`), and a stored value holding NUL
 *   is compared only up to its first NUL.
 * - `REGEXP` is not built in: the application registers `regexp(pattern, value)`,
 *   RE2 syntax (re2js), an unanchored search, inline flags `(?i)`, `(?m)`,
 *   `(?s)`; it returns 1 or 0, and NULL for a NULL value.
 * - CIDR networks (IPv4 and IPv6) are `REGEXP`s over every spelling of their
 *   addresses (shared/cidr-regex.ts); a case-insensitive field reference quotes
 *   the other field's text as `\Q…\E` in a `(?i)` regex, since lower() folds
 *   ASCII only.
 * - NULL: `NOT (x LIKE …)` is NULL, not true, for an absent field. Every `not`
 *   is written `NOT coalesce(…, 0)`: an absent field does not match, so the
 *   event passes the `not`, as in Splunk and Elasticsearch. (AND/OR with
 *   NULLs are monotone, so one coalesce per `not` is exact.)
 */
export const sqlite = defineTarget({
  id: 'sqlite',
  label: 'SQLite SQL',
  language: 'sql',
  pipelines: ['sqlite-logs', 'sysmon', 'none'],
  dialect: {
    logic: { and: ' AND ', or: ' OR ', not: 'NOT coalesce({expr}, 0)', notGroups: true, group: '({expr})', precedence: 'and-over-or', maxOperands: 64 },
    leaves: {
      StringMatchNode: (node, ctx) => {
        if (node.field === null) return ctx.unsupported('keyword-search', 'SQLite has no column holding the whole event for a keyword search', node)
        const f = ident(node.field)
        // LIKE and GLOB read their pattern as a C string, which ends at a NUL: such a value is a regex.
        const nul = node.value.some((t) => typeof t === 'string' && t.includes('\0'))
        if (nul || (!node.cased && node.value.some((t) => typeof t === 'string' && hasNonAsciiCase(t)))) return `${f} REGEXP ${text(wholeRegex(node.value, node.cased))}`
        if (node.cased) return `${f} GLOB ${text(writePattern(node.value, GLOB))}`
        return `${f} LIKE ${text(writePattern(node.value, LIKE))} ESCAPE '\\'`
      },
      RegexMatchNode: (node, ctx) => {
        if (node.field === null) return ctx.unsupported('keyword-search', 'SQLite has no column holding the whole event for a keyword search', node)
        const flags = (['i', 'm', 's'] as const).filter((f) => node.flags[f]).join('')
        return `${ident(node.field)} REGEXP ${text((flags ? `(?${flags})` : '') + node.pattern)}`
      },
      // SQLite has no IP functions: the network is a regex over every spelling of its addresses.
      CidrMatchNode: (node, ctx) => {
        const regex = cidrRegex(node.cidr)
        if (regex === undefined) return ctx.unsupported('cidr', `\`${node.cidr}\` is not a CIDR network`, node)
        return `${ident(node.field)} REGEXP ${text(regex)}`
      },
      NumberMatchNode: (node, ctx) => {
        if (node.field === null) return ctx.unsupported('keyword-search', 'SQLite has no column holding the whole event for a keyword search', node)
        const f = ident(node.field)
        if (node.op === 'eq') return `${f} IN (${node.value}, ${text(String(node.value))})`
        const op = `${COMPARE[node.op]} ${node.value}`
        // A number stored as text (Windows event data is text) compares as the number it spells, as in the evaluator.
        return `(typeof(${f}) IN ('integer', 'real') AND ${f} ${op} OR typeof(${f}) = 'text' AND ${f} REGEXP '${NUMERIC_TEXT}' AND CAST(trim(${f}, ${TRIM_CHARS}) AS REAL) ${op})`
      },
      // Booleans are stored as the text 'true'/'false' (SQLite has no boolean type).
      BooleanMatchNode: (node) => `lower(${ident(node.field)}) = '${node.value}'`,
      NullMatchNode: (node) => `${ident(node.field)} IS NULL`,
      ExistsNode: (node) => `${ident(node.field)} IS NOT NULL`,
      FieldRefNode: (node) => {
        const [a, b] = [ident(node.field), ident(node.otherField)]
        if (node.cased) {
          const [x, y] = [`CAST(${a} AS TEXT)`, `CAST(${b} AS TEXT)`]
          return {
            eq: `${x} = ${y}`,
            startswith: `substr(${x}, 1, length(${y})) = ${y}`,
            // substr(x, -0) is all of x, so an empty y is its own case; an absent x still does not match.
            endswith: `(${a} IS NOT NULL AND (length(${y}) = 0 OR substr(${x}, -length(${y})) = ${y}))`,
            contains: `instr(${x}, ${y}) > 0`,
          }[node.match]
        }
        // lower() folds ASCII only: the other field's text becomes a quoted (\Q…\E) case-insensitive regex instead.
        const [start, end] = { eq: ['^', '$'], startswith: ['^', ''], endswith: ['', '$'], contains: ['', ''] }[node.match]
        const quoted = `'(?i)${start}\\Q' || replace(CAST(${b} AS TEXT), '\\E', '\\E\\\\E\\Q') || '\\E${end}'`
        return `(${b} IS NOT NULL AND ${a} REGEXP (${quoted}))`
      },
      TimePartNode: unsupported('time-part', 'date-part modifiers need a known timestamp format, which a SQLite table does not declare'),
    },
    inList: (field, values, nodes) => {
      if (nodes[0]!.cased || values.some((v) => /[^\x01-\x7f]/.test(v))) return undefined
      return `lower(${ident(field)}) IN (${values.map((v) => text(v.toLowerCase())).join(', ')})`
    },
    finish: (condition, ctx) => {
      // Values spell NUL as char(0); a NUL left in the query is in a field name, which SQL cannot write.
      if (condition.includes('\0')) return ctx.unsupported('nul-field-name', 'a SQLite identifier cannot hold a NUL character')
      return `SELECT * FROM ${ident(ctx.dataSource.table ?? 'logs')} WHERE ${condition}`
    },
  },
})

const COMPARE = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const

/** JavaScript's `\s` (what the evaluator trims around a number written as text), as literal characters. */
/** What JavaScript's trim() and `\s` count as whitespace, as code points. */
const WHITESPACE = [0x9, 0xa, 0xb, 0xc, 0xd, 0x20, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]
/** The same set spelled for SQL (`char(…)`) and for an RE2 class (`\x{…}`), so queries stay on one line. */
const TRIM_CHARS = `char(${WHITESPACE.join(', ')})`
const SPACE_CLASS = `[${WHITESPACE.map((c) => `\\x{${c.toString(16)}}`).join('')}]`
/** A decimal number written as text, with optional surrounding whitespace (RE2 syntax). */
const NUMERIC_TEXT = `^${SPACE_CLASS}*[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?${SPACE_CLASS}*$`

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
/** A string literal; SQLite ends a statement's text at a NUL, so NUL is spliced in as char(0). */
const text = (value: string) => value.split('\0').map((part) => `'${part.replaceAll("'", "''")}'`).join(' || char(0) || ')

const LIKE = { literal: backslashEscape('\\%_'), many: '%', one: '_' }
const GLOB = { literal: (t: string) => t.replace(/[*?[]/g, '[$&]'), many: '*', one: '?' }

const REGEX_SPECIAL = backslashEscape('\\^$.|?*+()[]{}')

/** `^…$` in RE2; unless cased, every cased character is spelled as a class of its case variants. */
function wholeRegex(value: SigmaString, cased: boolean): string {
  const literal = (t: string) =>
    Array.from(t, (c) => {
      const variants = cased ? [c] : caseVariants(c)
      return variants.length > 1 ? `[${variants.join('')}]` : REGEX_SPECIAL(c)
    }).join('')
  return `(?s)^${writePattern(value, { literal, many: '.*', one: '.' })}$`
}
