import type { SigmaString } from '../../sigma/sigma-string'
import { unsupported } from '../compiler/unsupported'
import { caseVariants, hasNonAsciiCase } from '../shared/case-fold'
import { ipv4CidrRegex } from '../shared/cidr-regex'
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
 * - `REGEXP` is not built in: the application registers `regexp(pattern, value)`,
 *   RE2 syntax (re2js), an unanchored search, inline flags `(?i)`, `(?m)`,
 *   `(?s)`; it returns 1 or 0, and NULL for a NULL value.
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
        if (node.cased) return `${f} GLOB ${text(writePattern(node.value, GLOB))}`
        if (node.value.some((t) => typeof t === 'string' && hasNonAsciiCase(t))) return `${f} REGEXP ${text(foldedRegex(node.value))}`
        return `${f} LIKE ${text(writePattern(node.value, LIKE))} ESCAPE '\\'`
      },
      RegexMatchNode: (node, ctx) => {
        if (node.field === null) return ctx.unsupported('keyword-search', 'SQLite has no column holding the whole event for a keyword search', node)
        const flags = (['i', 'm', 's'] as const).filter((f) => node.flags[f]).join('')
        return `${ident(node.field)} REGEXP ${text((flags ? `(?${flags})` : '') + node.pattern)}`
      },
      CidrMatchNode: (node, ctx) => {
        const regex = ipv4CidrRegex(node.cidr)
        if (regex === undefined) return ctx.unsupported('ipv6-cidr', `SQLite cannot match the IPv6 network ${node.cidr}: it has no IP functions`, node)
        return `${ident(node.field)} REGEXP ${text(regex)}`
      },
      NumberMatchNode: (node, ctx) => {
        if (node.field === null) return ctx.unsupported('keyword-search', 'SQLite has no column holding the whole event for a keyword search', node)
        const f = ident(node.field)
        if (node.op === 'eq') return `${f} IN (${node.value}, ${text(String(node.value))})`
        const op = `${COMPARE[node.op]} ${node.value}`
        // A number stored as text (Windows event data is text) compares as the number it spells, as in the evaluator.
        return `(typeof(${f}) IN ('integer', 'real') AND ${f} ${op} OR typeof(${f}) = 'text' AND ${f} REGEXP '${NUMERIC_TEXT}' AND CAST(trim(${f}, '${WHITESPACE}') AS REAL) ${op})`
      },
      // Booleans are stored as the text 'true'/'false' (SQLite has no boolean type).
      BooleanMatchNode: (node) => `lower(${ident(node.field)}) = '${node.value}'`,
      NullMatchNode: (node) => `${ident(node.field)} IS NULL`,
      ExistsNode: (node) => `${ident(node.field)} IS NOT NULL`,
      FieldRefNode: (node, ctx) => {
        if (!node.cased) ctx.warn('fieldref compares case-insensitively with SQLite lower(), which folds ASCII letters only')
        const fold = (f: string) => (node.cased ? `CAST(${ident(f)} AS TEXT)` : `lower(${ident(f)})`)
        const [a, b] = [fold(node.field), fold(node.otherField)]
        return {
          eq: `${a} = ${b}`,
          startswith: `substr(${a}, 1, length(${b})) = ${b}`,
          endswith: `(length(${b}) = 0 OR substr(${a}, -length(${b})) = ${b})`,
          contains: `instr(${a}, ${b}) > 0`,
        }[node.match]
      },
      TimePartNode: unsupported('time-part', 'date-part modifiers need a known timestamp format, which a SQLite table does not declare'),
    },
    inList: (field, values, nodes) => {
      if (nodes[0]!.cased || values.some((v) => /[^\x00-\x7f]/.test(v))) return undefined
      return `lower(${ident(field)}) IN (${values.map((v) => text(v.toLowerCase())).join(', ')})`
    },
    finish: (condition, ctx) => `SELECT * FROM ${ident(ctx.dataSource.table ?? 'logs')} WHERE ${condition}`,
  },
})

const COMPARE = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const

/** JavaScript's `\s` (what the evaluator trims around a number written as text), as literal characters. */
const WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'
/** A decimal number written as text, with optional surrounding whitespace (RE2 syntax). */
const NUMERIC_TEXT = `^[${WHITESPACE}]*[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?[${WHITESPACE}]*$`

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
const text = (value: string) => `'${value.replaceAll("'", "''")}'`

const LIKE = { literal: backslashEscape('\\%_'), many: '%', one: '_' }
const GLOB = { literal: (t: string) => t.replace(/[*?[]/g, '[$&]'), many: '*', one: '?' }

const REGEX_SPECIAL = backslashEscape('\\^$.|?*+()[]{}')

/** `^…$` in RE2 with every cased character spelled as a class of its case variants. */
function foldedRegex(value: SigmaString): string {
  const literal = (t: string) =>
    Array.from(t, (c) => {
      const variants = caseVariants(c)
      return variants.length > 1 ? `[${variants.join('')}]` : REGEX_SPECIAL(c)
    }).join('')
  return `(?s)^${writePattern(value, { literal, many: '.*', one: '.' })}$`
}
