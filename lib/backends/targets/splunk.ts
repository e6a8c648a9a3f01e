import { ANY_CHARS, normalizeSigmaString, ONE_CHAR } from '../../sigma/sigma-string'
import type { CompileContext } from '../compiler/dialect'
import { compileExpression } from '../compiler/text-query-compiler'
import { unsupported } from '../compiler/unsupported'
import { backslashEscape, writePattern } from '../shared/pattern'
import { defineTarget } from '../target'
import { splitDeferred, type DeferredPart } from './splunk-deferral'

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
 * - Regexes and field references that are ANDed at the top become
 *   `| regex` / `| where` filters after the search; elsewhere unsupported.
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
        if (node.value.some((t) => t === ONE_CHAR)) ctx.warn('a `?` wildcard is matched as `*`: Splunk search has no single-character wildcard')
        // A keyword is found anywhere in the event, as the evaluator reads it: `"*text*"`.
        const written = node.field === null ? normalizeSigmaString([ANY_CHARS, ...node.value, ANY_CHARS]) : node.value
        const value = quote(writePattern(written, { literal: (t) => literal(t, ctx), many: '*', one: '*' }))
        const term = node.cased ? `CASE(${value})` : value
        return node.field === null ? term : `${field(node.field)}=${term}`
      },
      RegexMatchNode: unsupported('regex-not-top-level', 'Splunk can only filter on a regex with `| regex` after the search, so the regex must be ANDed with the rest of the rule, not inside an OR'),
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
      FieldRefNode: unsupported('fieldref-not-top-level', 'Splunk compares two fields only with `| where` after the search, so the comparison must be ANDed with the rest of the rule'),
      TimePartNode: unsupported('time-part', 'the date-part modifiers need the field parsed as a time, which SPL search cannot do on an arbitrary field'),
    },
    inList: (f, values, nodes) => (nodes[0]!.cased ? undefined : `${field(f)} IN (${values.map((v) => quote(backslashEscape('\\"')(v))).join(', ')})`),
  },
  compile: (expression, options) => {
    const { search, deferred } = splitDeferred(expression)
    const warnings: string[] = []
    const compiled = search && compileExpression(search, splunk.dialect, options)
    const source = Object.entries(options.dataSource?.splunk ?? {}).map(([k, v]) => `${k}=${quote(backslashEscape('\\"')(v))}`)
    const parts = [[...source, compiled ? groupIfOr(compiled.query, search!.kind) : source.length ? '' : '*'].filter(Boolean).join(' ')]
    for (const part of deferred) parts.push(writeDeferred(part, (message) => warnings.push(message)))
    if (options.fields && options.fields.length > 0) parts.push(`table ${options.fields.map(field).join(',')}`)
    return { query: parts.join(' | '), warnings: [...(compiled?.warnings ?? []), ...warnings] }
  },
})

const COMPARE = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const

const quote = (escaped: string) => `"${escaped}"`
const field = (name: string) => (/^[\w.]+$/.test(name) ? name : `"${backslashEscape('\\"')(name)}"`)
/** A field inside `| where` (eval syntax), where a name with dots or dashes needs single quotes. */
const evalField = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? name : `'${name.replace(/['\\]/g, '\\$&')}'`)
const evalString = (text: string) => quote(backslashEscape('\\"')(text))

/** A literal `*` cannot be escaped in a Splunk search: it stays a wildcard, and the query over-matches. */
function literal(text: string, ctx: CompileContext): string {
  if (text.includes('*')) ctx.warn('a literal `*` is matched as a wildcard: Splunk search cannot escape it')
  return backslashEscape('\\"')(text)
}

/** A lone OR as the search must be grouped before the source terms are put in front. */
function groupIfOr(query: string, kind: string): string {
  return kind === 'OrNode' ? `(${query})` : query
}

function writeDeferred({ node, negated }: DeferredPart, warn: (message: string) => void): string {
  const f = evalField(node.field!)
  const absentOr = (condition: string) => (negated ? `where isnull(${f}) OR NOT ${condition}` : `where ${condition}`)
  switch (node.kind) {
    case 'RegexMatchNode': {
      const flags = (['i', 'm', 's'] as const).filter((k) => node.flags[k]).join('')
      const pattern = (flags ? `(?${flags})` : '') + node.pattern
      // Splunk unescapes `\\` and `\"` in the quoted pattern before PCRE sees it.
      if (!negated) return `regex ${field(node.field!)}=${evalString(pattern)}`
      return absentOr(`match(${f}, ${evalString(pattern)})`)
    }
    case 'FieldRefNode': {
      const g = evalField(node.otherField)
      const [a, b] = node.cased ? [f, g] : [`lower(${f})`, `lower(${g})`]
      const test = {
        eq: `${a}==${b}`,
        startswith: `substr(${a}, 1, len(${b}))==${b}`,
        endswith: `(len(${b})==0 OR (len(${a})>=len(${b}) AND substr(${a}, len(${a})-len(${b})+1)==${b}))`,
        contains: `like(${a}, "%".${b}."%")`,
      }[node.match]
      if (node.match === 'contains') warn('a `%` or `_` in the referenced field acts as a wildcard in Splunk like()')
      return negated ? `where isnull(${f}) OR isnull(${g}) OR NOT (${test})` : `where ${test}`
    }
  }
}

