import type { Expression, RegexMatchNode } from '../../sigma/nodes'
import { ANY_CHARS, normalizeSigmaString, ONE_CHAR } from '../../sigma/sigma-string'
import type { CompileContext } from '../compiler/dialect'
import { compileExpression } from '../compiler/text-query-compiler'
import { unsupported } from '../compiler/unsupported'
import { backslashEscape, writePattern } from '../shared/pattern'
import { defineTarget } from '../target'
import { splitDeferred } from './splunk-deferral'
import { evalString, splunkEval } from './splunk-eval'

/**
 * Splunk SPL (search command semantics, Splunk Enterprise 9 Search Reference):
 *
 * - `field="value"` compares case-insensitively, `*` is the only wildcard and
 *   cannot be escaped; `CASE("value")` compares case-sensitively.
 * - Inside double quotes `\\` is one backslash and `\"` a quote.
 * - Terms side by side are ANDed, and `OR` binds tighter than that implicit
 *   AND (`a b OR c` is `a AND (b OR c)`). Every nested and/or is grouped, so
 *   the query never depends on that rule and reads the same to an analyst.
 * - `NOT f="x"` keeps events without `f` (unlike `f!="x"`), which is Sigma's
 *   reading of a `not` over an absent field; `f=*` means the field exists.
 * - `f="10.0.0.0/8"` matches a CIDR network (IPv4 and IPv6) in the search.
 * - A regex ANDed at the top becomes `| regex f="…"`; any other top-level part
 *   holding a regex or a field reference becomes `| where …` in eval syntax
 *   (splunk-eval.ts), so nothing of the rule is lost or weakened.
 * - `| table` lists the rule's `fields`.
 */
export const splunk = defineTarget({
  id: 'splunk',
  label: 'Splunk SPL',
  language: 'spl',
  pipelines: ['none', 'splunk-windows', 'sysmon'],
  dialect: {
    logic: { and: ' ', or: ' OR ', not: 'NOT {expr}', group: '({expr})', precedence: 'explicit' },
    leaves: {
      StringMatchNode: (node, ctx) => {
        if (node.value.some((t) => t === ONE_CHAR)) ctx.warn('a `?` wildcard is matched as `*`: Splunk search has no single-character wildcard', node)
        // A keyword is found anywhere in the event, as the evaluator reads it: `"*text*"`.
        const written = node.field === null ? normalizeSigmaString([ANY_CHARS, ...node.value, ANY_CHARS]) : node.value
        const value = quote(writePattern(written, { literal: (t) => literal(t, ctx, node), many: '*', one: '*' }))
        const term = node.cased ? `CASE(${value})` : value
        return node.field === null ? term : `${field(node.field)}=${term}`
      },
      // Never reached from `compile`: regexes and field references go to `| regex` / `| where` (splunk-deferral.ts).
      RegexMatchNode: unsupported('regex-in-search', 'the search command has no regex operator'),
      // The search command matches IPv4 and IPv6 CIDR values itself (`f="10.0.0.0/8"`), so a network
      // may sit under OR and NOT; `| where cidrmatch()` would only work ANDed at the top.
      CidrMatchNode: (node) => `${field(node.field)}=${quote(node.cidr)}`,
      NumberMatchNode: (node, ctx) => {
        if (node.field !== null) return `${field(node.field)}${COMPARE[node.op]}${node.value}`
        return node.op === 'eq' ? `"${node.value}"` : ctx.unsupported('keyword-compare', 'a keyword search cannot compare numbers', node)
      },
      BooleanMatchNode: (node) => `${field(node.field)}="${node.value}"`,
      NullMatchNode: (node) => `NOT ${field(node.field)}=*`,
      ExistsNode: (node) => `${field(node.field)}=*`,
      FieldRefNode: unsupported('fieldref-in-search', 'the search command cannot compare two fields'),
      TimePartNode: unsupported('time-part', 'the date-part modifiers need the field parsed as a time, which SPL search cannot do on an arbitrary field'),
    },
    inList: (f, values, nodes) => (nodes[0]!.cased ? undefined : `${field(f)} IN (${values.map((v) => quote(backslashEscape('\\"')(v))).join(', ')})`),
  },
  compile: (expression, options) => {
    const { search, regexes, where } = splitDeferred(expression)
    const compiled = search && compileExpression(search, splunk.dialect, options)
    const filters = where.map((part) => compileExpression(part, splunkEval, options))
    const source = Object.entries(options.dataSource?.splunk ?? {}).map(([k, v]) => `${k}=${quote(backslashEscape('\\"')(v))}`)
    const parts = [[...source, compiled ? groupIfOr(compiled.query, search!.kind) : source.length ? '' : '*'].filter(Boolean).join(' ')]
    for (const node of regexes) parts.push(`regex ${field(node.field)}=${evalString(regexWithFlags(node))}`)
    for (const filter of filters) parts.push(`where ${filter.query}`)
    if (options.fields && options.fields.length > 0) parts.push(`table ${options.fields.map(field).join(',')}`)
    return { query: parts.join(' | '), warnings: [...(compiled?.warnings ?? []), ...filters.flatMap((f) => f.warnings)] }
  },
})

const COMPARE = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const

const quote = (escaped: string) => `"${escaped}"`
const field = (name: string) => (/^[\w.]+$/.test(name) ? name : `"${backslashEscape('\\"')(name)}"`)
/** A literal `*` cannot be escaped in a Splunk search: it stays a wildcard, and the query over-matches. */
function literal(text: string, ctx: CompileContext, node: Expression): string {
  if (text.includes('*')) ctx.warn('a literal `*` is matched as a wildcard: Splunk search cannot escape it', node)
  return backslashEscape('\\"')(text)
}

/** A lone OR as the search must be grouped before the source terms are put in front. */
function groupIfOr(query: string, kind: string): string {
  return kind === 'OrNode' ? `(${query})` : query
}

/** Splunk unescapes `\\` and `\"` in the quoted pattern before PCRE sees it. */
function regexWithFlags(node: RegexMatchNode): string {
  const flags = (['i', 'm', 's'] as const).filter((k) => node.flags[k]).join('')
  return (flags ? `(?${flags})` : '') + node.pattern
}
