import type { SigmaString } from '../../sigma/sigma-string'
import type { Dialect } from '../compiler/dialect'
import { unsupported } from '../compiler/unsupported'
import { backslashEscape, writePattern } from '../shared/pattern'

/**
 * Splunk eval syntax, for `| where` (Search Reference, "Evaluation functions").
 * Eval comparisons on a missing field give null, and `where` keeps only true,
 * so every leaf is written two-valued — `(isnotnull(f) AND match(f, "…"))` — and
 * a `not` over an absent field is true, as in the search command.
 *
 * - Sigma strings become anchored PCRE in `match()`: `(?is)^…\z`, case-folded
 *   unless `cased` (match() itself is case-sensitive).
 * - Eval strings are double-quoted with `\\` and `\"` escapes; field names that
 *   are not plain identifiers are single-quoted.
 */
export const splunkEval: Dialect = {
  logic: { and: ' AND ', or: ' OR ', not: 'NOT {expr}', group: '({expr})', precedence: 'explicit' },
  leaves: {
    StringMatchNode: (node) => {
      const pattern = `(?s${node.cased ? '' : 'i'})${node.field === null ? '' : '^'}${sigmaRegex(node.value)}${node.field === null ? '' : '\\z'}`
      return node.field === null ? `match(_raw, ${evalString(pattern)})` : present(node.field, `match(${evalField(node.field)}, ${evalString(pattern)})`)
    },
    RegexMatchNode: (node) => {
      const flags = (['i', 'm', 's'] as const).filter((k) => node.flags[k]).join('')
      const pattern = evalString((flags ? `(?${flags})` : '') + node.pattern)
      return node.field === null ? `match(_raw, ${pattern})` : present(node.field, `match(${evalField(node.field)}, ${pattern})`)
    },
    CidrMatchNode: (node) => present(node.field, `cidrmatch(${evalString(node.cidr)}, ${evalField(node.field)})`),
    NumberMatchNode: (node, ctx) => {
      if (node.field === null) return ctx.unsupported('keyword-compare', 'a keyword search cannot compare numbers', node)
      const f = evalField(node.field)
      if (node.op === 'eq') return present(node.field, `tostring(${f})==${evalString(String(node.value))}`)
      return `(isnum(tonumber(${f})) AND tonumber(${f})${COMPARE[node.op]}${node.value})`
    },
    BooleanMatchNode: (node) => present(node.field, `lower(${evalField(node.field)})=="${node.value}"`),
    NullMatchNode: (node) => `isnull(${evalField(node.field)})`,
    ExistsNode: (node) => `isnotnull(${evalField(node.field)})`,
    FieldRefNode: (node, ctx) => {
      const [f, g] = [evalField(node.field), evalField(node.otherField)]
      const [a, b] = node.cased ? [f, g] : [`lower(${f})`, `lower(${g})`]
      const test = {
        eq: `${a}==${b}`,
        startswith: `substr(${a}, 1, len(${b}))==${b}`,
        endswith: `(len(${b})==0 OR (len(${a})>=len(${b}) AND substr(${a}, len(${a})-len(${b})+1)==${b}))`,
        contains: undefined,
      }[node.match]
      // Eval has no substring search, and like()/match() would read the other field's text as a pattern.
      if (test === undefined) return ctx.unsupported('fieldref-contains', 'Splunk eval cannot test whether one field contains another field', node)
      return `(isnotnull(${f}) AND isnotnull(${g}) AND ${test})`
    },
    TimePartNode: unsupported('time-part', 'the date-part modifiers need the field parsed as a time, and its format is not known'),
  },
}

const COMPARE = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const

export const evalString = (text: string) => `"${backslashEscape('\\"')(text)}"`
export const evalField = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? name : `'${name.replace(/['\\]/g, '\\$&')}'`)
const present = (field: string, test: string) => `(isnotnull(${evalField(field)}) AND ${test})`

const PCRE_SPECIAL = backslashEscape('\\^$.|?*+()[]{}/-')
const sigmaRegex = (value: SigmaString) => writePattern(value, { literal: PCRE_SPECIAL, many: '.*', one: '.' })
