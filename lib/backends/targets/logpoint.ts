import type { Expression } from '../../sigma/nodes'
import type { CompileContext } from '../compiler/dialect'
import { compileExpression } from '../compiler/text-query-compiler'
import { unsupported, UnsupportedFeatureError } from '../compiler/unsupported'
import { backslashEscape, writePattern } from '../shared/pattern'
import { defineTarget } from '../target'
import { forEachLeaf } from '../../pipelines/map-expression'
import { splitDeferred } from './splunk-deferral'

/**
 * LogPoint search language:
 *
 * - `field="value"` compares case-insensitively; `*` and `?` are wildcards
 *   that cannot be escaped; there is no case-sensitive form (`cased` is
 *   unsupported). A `"` cannot appear inside a quoted value: it is matched
 *   by `?`, with a warning.
 * - Terms side by side are ANDed; `OR` binds tighter than that implicit AND,
 *   so every nested and/or is grouped. `-term` negates, and an event without
 *   the field passes it; `field=*` means the field exists.
 * - `field IN ["a", "b"]` for lists; numbers compare with `<`, `<=`, `>`, `>=`.
 * - A regex ANDed at the top of the rule runs after the search as
 *   `| process regex("…", field, "filter=true")`; elsewhere it is unsupported.
 */
export const logpoint = defineTarget({
  id: 'logpoint',
  label: 'LogPoint search',
  language: 'logpoint',
  pipelines: ['none', 'sysmon'],
  dialect: {
    logic: { and: ' ', or: ' OR ', not: '-{expr}', group: '({expr})', precedence: 'explicit' },
    leaves: {
      StringMatchNode: (node, ctx) => {
        if (node.cased) return ctx.unsupported('cased', 'LogPoint search has no case-sensitive comparison', node)
        const term = value(writePattern(node.value, { literal: (t) => literal(t, ctx, node), many: '*', one: '?' }))
        return node.field === null ? term : `${field(node.field)}=${term}`
      },
      RegexMatchNode: unsupported('regex-not-top-level', 'LogPoint filters on a regex only with `| process regex()` after the search, so the regex must be ANDed with the rest of the rule'),
      CidrMatchNode: unsupported('cidr', 'LogPoint search has no CIDR network match'),
      NumberMatchNode: (node) => (node.field === null ? String(node.value) : `${field(node.field)}${COMPARE[node.op]}${node.value}`),
      BooleanMatchNode: (node) => `${field(node.field)}="${node.value}"`,
      NullMatchNode: (node) => `-${field(node.field)}=*`,
      ExistsNode: (node) => `${field(node.field)}=*`,
      FieldRefNode: unsupported('fieldref', 'LogPoint search cannot compare two fields of an event'),
      TimePartNode: unsupported('time-part', 'LogPoint search cannot extract a part of a date'),
    },
    inList: (f, values, nodes, ctx) => (nodes[0]!.cased ? undefined : `${field(f)} IN [${values.map((v, i) => value(literal(v, ctx, nodes[i]!))).join(', ')}]`),
  },
  compile: (expression, options) => {
    const { search, regexes, where } = splitDeferred(expression)
    const compiled = search ? compileExpression(search, logpoint.dialect, options) : { query: '', warnings: [] }
    const parts = [compiled.query]
    const other = where[0]
    if (other) {
      let fieldref = false
      forEachLeaf(other, (leaf) => (fieldref ||= leaf.kind === 'FieldRefNode'))
      if (fieldref) throw new UnsupportedFeatureError('fieldref', 'LogPoint cannot filter on a comparison of two fields after the search', other.location)
      if (other.kind === 'NotNode' && other.child.kind === 'RegexMatchNode')
        throw new UnsupportedFeatureError('negated-regex', 'LogPoint cannot filter on a negated regex after the search', other.location)
      throw new UnsupportedFeatureError('regex-not-top-level', 'LogPoint filters on a regex only with `| process regex()` after the search, so the regex must be ANDed with the rest of the rule', other.location)
    }
    for (const node of regexes) {
      const flags = (['i', 'm', 's'] as const).filter((k) => node.flags[k]).join('')
      parts.push(`process regex(${value(backslashEscape('\\')((flags ? `(?${flags})` : '') + node.pattern))}, ${field(node.field)}, "filter=true")`)
    }
    return { query: parts.filter(Boolean).join(' | '), warnings: compiled.warnings }
  },
})

const COMPARE = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const
const KEYWORDS = new Set(['process', 'filter', 'search', 'chart', 'and', 'in', 'or', 'not'])

const value = (escaped: string) => `"${escaped}"`
const field = (name: string) => (/^[\w.]+$/.test(name) && !KEYWORDS.has(name.toLowerCase()) ? name : `"${name}"`)

/** Backslashes are escaped; a literal `*`/`?` stays a wildcard and a `"` becomes `?` (both over-match, with a warning). */
function literal(text: string, ctx: CompileContext, node: Expression): string {
  if (/[*?]/.test(text)) ctx.warn('a literal `*` or `?` is matched as a wildcard: LogPoint cannot escape it', node)
  if (text.includes('"')) ctx.warn('a `"` is matched by the `?` wildcard: LogPoint cannot quote it', node)
  return backslashEscape('\\')(text).replaceAll('"', '?')
}

