import type { Expression } from '../../sigma/nodes'
import { classifySigmaString, type SigmaString } from '../../sigma/sigma-string'
import type { CompileContext } from '../compiler/dialect'
import { unsupported } from '../compiler/unsupported'
import { hasCaseVariants } from '../shared/case-fold'
import { elasticCidr } from '../shared/elastic-cidr'
import { sigmaStringToLuceneRegex } from '../shared/lucene-regex'
import { writePattern } from '../shared/pattern'
import { defineTarget } from '../target'
import { elasticField as name, elasticString as str } from './elastic-syntax'
import { toLuceneRegex } from './lucene-regex'

/**
 * Elastic EQL on ECS (`<category> where <condition>`), Elasticsearch 8/9:
 *
 * - `f : "v"` compares case-insensitively, and `*`/`?` in it are wildcards
 *   that cannot be escaped (a backslash stays a backslash); `f == "v"` and
 *   `f like "v*"` are the case-sensitive forms. A value with a literal `*` or
 *   `?` is matched with `regex~`/`regex` (a Lucene regexp, whole value).
 * - Strings are double-quoted with `\\` and `\"` escapes.
 * - `f == null` is true for an absent field. Under a `not`, each leaf is
 *   guarded with `f != null and …`, so an event without the field passes the
 *   `not` as Sigma requires, whatever EQL makes of a comparison with null.
 * - Regexes become Lucene regexps over the whole value (case folded into
 *   classes for the `i` flag), as the `lucene` target writes them.
 * - `cidrmatch(f, "10.0.0.0/8")` for networks; no field-less search.
 * - The event category (`process`, `network`, …; `any` when unknown) comes
 *   from the pipeline's data source.
 */
export const eql = defineTarget({
  id: 'eql',
  label: 'Elastic EQL',
  language: 'eql',
  pipelines: ['ecs-windows', 'none'],
  dialect: {
    logic: { and: ' and ', or: ' or ', not: 'not {expr}', group: '({expr})', precedence: 'and-over-or' },
    leaves: {
      StringMatchNode: (node, ctx) => guard(ctx, node, stringMatch(field(node, ctx), node.value, node.cased)),
      RegexMatchNode: (node, ctx) => {
        const lucene = toLuceneRegex(node.pattern, node.flags)
        if (!lucene.ok) return ctx.unsupported('regex-syntax', `EQL regex takes a Lucene regexp: ${lucene.reason}`, node)
        return guard(ctx, node, `${field(node, ctx)} regex ${str(lucene.regex)}`)
      },
      CidrMatchNode: elasticCidr((node, ctx) => guard(ctx, node, `cidrmatch(${name(node.field)}, ${str(node.cidr)})`)),
      NumberMatchNode: (node, ctx) => guard(ctx, node, `${field(node, ctx)} ${COMPARE[node.op]} ${node.value}`),
      BooleanMatchNode: (node, ctx) => guard(ctx, node, `${name(node.field)} == ${node.value}`),
      NullMatchNode: (node) => `${name(node.field)} == null`,
      ExistsNode: (node) => `${name(node.field)} != null`,
      FieldRefNode: (node, ctx) => {
        const [a, b] = [name(node.field), name(node.otherField)]
        const fold = node.cased ? '' : '~'
        const test = {
          eq: node.cased ? `${a} == ${b}` : `(startsWith~(${a}, ${b}) and length(${a}) == length(${b}))`,
          startswith: `startsWith${fold}(${a}, ${b})`,
          endswith: `endsWith${fold}(${a}, ${b})`,
          contains: `stringContains${fold}(${a}, ${b})`,
        }[node.match]
        return ctx.negated ? `(${a} != null and ${b} != null and ${test})` : test
      },
      TimePartNode: unsupported('time-part', 'EQL has no function that extracts a part of a date'),
    },
    inList: (f, values, nodes, ctx) => {
      if (values.some((v) => /[*?]/.test(v))) return undefined
      const exact = nodes[0]!.cased || !values.some((v) => Array.from(v).some(hasCaseVariants))
      return guard(ctx, { field: f }, `${name(f)} ${exact ? 'in' : ':'} (${values.map(str).join(', ')})`)
    },
    finish: (condition, ctx) => `${ctx.dataSource.eqlCategory ?? 'any'} where ${condition}`,
  },
})

const COMPARE = { eq: '==', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const

/** The case-insensitive or case-sensitive match of a Sigma value, in the cheapest form that is exact. */
export function stringMatch(f: string, value: SigmaString, cased: boolean): string {
  const shape = classifySigmaString(value)
  if (shape.kind === 'plain') {
    if (cased || !Array.from(shape.text).some(hasCaseVariants)) return `${f} == ${str(shape.text)}`
    return /[*?]/.test(shape.text) ? `${f} regex~ ${str(sigmaStringToLuceneRegex(value))}` : `${f} : ${str(shape.text)}`
  }
  const literalWildcard = value.some((t) => typeof t === 'string' && /[*?]/.test(t))
  if (literalWildcard) return `${f} ${cased ? 'regex' : 'regex~'} ${str(sigmaStringToLuceneRegex(value))}`
  return `${f} ${cased ? 'like' : ':'} ${str(writePattern(value, { literal: (t) => t, many: '*', one: '?' }))}`
}

function field(node: { field: string | null } & Expression, ctx: CompileContext): string {
  if (node.field === null) return ctx.unsupported('keyword-search', 'EQL has no field-less (keyword) search', node)
  return name(node.field)
}

/** Under a `not`, an absent field must not make the leaf null. */
function guard(ctx: CompileContext, node: { field: string | null }, text: string): string {
  return ctx.negated && node.field !== null ? `(${name(node.field)} != null and ${text})` : text
}

