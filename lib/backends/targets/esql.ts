import type { Expression } from '../../sigma/nodes'
import { classifySigmaString, type SigmaString } from '../../sigma/sigma-string'
import type { CompileContext } from '../compiler/dialect'
import { hasCaseVariants } from '../shared/case-fold'
import { elasticCidr } from '../shared/elastic-cidr'
import { backslashEscape, writePattern } from '../shared/pattern'
import { defineTarget } from '../target'
import { elasticField as name, elasticString as str } from './elastic-syntax'
import { toLuceneRegex } from './lucene-regex'

/**
 * Elastic ES|QL (`FROM … METADATA _id, _index, _version | WHERE …`), Elasticsearch 8.15+:
 *
 * - No case-insensitive operator: Sigma's default matching is `TO_LOWER(f) == "v"`
 *   / `TO_LOWER(f) LIKE "…"` with the value lowercased; `cased` compares `f` as is.
 * - `LIKE` patterns: `*` and `?` are wildcards, `\` escapes them (and itself).
 * - `RLIKE` takes a Lucene regexp over the whole value; case-insensitive
 *   regexes are spelled with classes (`[Aa]`).
 * - Comparisons with null are null, and `NOT null` drops the row: under a
 *   `not`, a leaf is guarded with `f IS NOT NULL AND …` so an absent field
 *   passes the `not`, as Sigma requires.
 * - `METADATA _id, _index, _version` lets Elastic Security de-duplicate alerts.
 */
export const esql = defineTarget({
  id: 'esql',
  label: 'Elastic ES|QL',
  language: 'esql',
  pipelines: ['ecs-windows', 'none'],
  dialect: {
    logic: { and: ' AND ', or: ' OR ', not: 'NOT {expr}', group: '({expr})', precedence: 'and-over-or' },
    leaves: {
      StringMatchNode: (node, ctx) => {
        const f = name(field(node, ctx))
        const shape = classifySigmaString(node.value)
        // A value without cased letters (an IP address, a number) compares as is: TO_LOWER would fail on ip and numeric fields.
        const exact = node.cased || !hasCase(node.value)
        const subject = exact ? f : `TO_LOWER(${f})`
        const fold = (text: string) => (exact ? text : text.toLowerCase())
        const test =
          shape.kind === 'plain'
            ? `${subject} == ${str(fold(shape.text))}`
            : `${subject} LIKE ${str(writePattern(node.value, { literal: (t) => LIKE_ESCAPE(fold(t)), many: '*', one: '?' }))}`
        return guard(ctx, node.field!, test)
      },
      RegexMatchNode: (node, ctx) => {
        const lucene = toLuceneRegex(node.pattern, node.flags)
        if (!lucene.ok) return ctx.unsupported('regex-syntax', `ES|QL RLIKE takes a Lucene regexp: ${lucene.reason}`, node)
        return guard(ctx, field(node, ctx), `${name(node.field!)} RLIKE ${str(lucene.regex)}`)
      },
      CidrMatchNode: elasticCidr((node, ctx) => guard(ctx, node.field, `CIDR_MATCH(${name(node.field)}, ${str(node.cidr)})`)),
      NumberMatchNode: (node, ctx) => guard(ctx, field(node, ctx), `${name(node.field!)} ${COMPARE[node.op]} ${node.value}`),
      BooleanMatchNode: (node, ctx) => guard(ctx, node.field, `${name(node.field)} == ${node.value}`),
      NullMatchNode: (node) => `${name(node.field)} IS NULL`,
      ExistsNode: (node) => `${name(node.field)} IS NOT NULL`,
      FieldRefNode: (node, ctx) => {
        const [a, b] = [node.field, node.otherField].map((f) => (node.cased ? name(f) : `TO_LOWER(${name(f)})`)) as [string, string]
        const test = {
          eq: `${a} == ${b}`,
          startswith: `STARTS_WITH(${a}, ${b})`,
          endswith: `ENDS_WITH(${a}, ${b})`,
          contains: `LOCATE(${a}, ${b}) > 0`,
        }[node.match]
        return ctx.negated ? `(${name(node.field)} IS NOT NULL AND ${name(node.otherField)} IS NOT NULL AND ${test})` : test
      },
      TimePartNode: (node, ctx) => {
        if (node.part === 'week') return ctx.unsupported('time-part-week', "ES|QL's DATE_EXTRACT has no ISO week of the year", node)
        const part = { minute: 'minute_of_hour', hour: 'hour_of_day', day: 'day_of_month', month: 'month_of_year', year: 'year' }[node.part]
        return guard(ctx, node.field, `DATE_EXTRACT("${part}", ${name(node.field)}) == ${node.value}`)
      },
    },
    inList: (f, values, nodes, ctx) =>
      guard(
        ctx,
        f,
        nodes[0]!.cased || !values.some((v) => hasCase([v]))
          ? `${name(f)} IN (${values.map(str).join(', ')})`
          : `TO_LOWER(${name(f)}) IN (${values.map((v) => str(v.toLowerCase())).join(', ')})`,
      ),
    finish: (condition, ctx) => `${fromClause(ctx.dataSource.index)}\n| WHERE ${condition}`,
  },
})

/** True when some literal character of the value has another case. */
const hasCase = (value: SigmaString) => value.some((t) => typeof t === 'string' && Array.from(t).some(hasCaseVariants))

const COMPARE = { eq: '==', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const
const LIKE_ESCAPE = backslashEscape('\\*?')

/** `FROM <index patterns> METADATA _id, _index, _version`. */
export function fromClause(indices: readonly string[] | undefined, metadata = true): string {
  const from = indices && indices.length > 0 ? indices.join(', ') : '*'
  return `FROM ${from}${metadata ? ' METADATA _id, _index, _version' : ''}`
}

function field(node: { field: string | null } & Expression, ctx: CompileContext): string {
  if (node.field === null) return ctx.unsupported('keyword-search', 'ES|QL WHERE has no field-less (keyword) search', node)
  return node.field
}

function guard(ctx: CompileContext, f: string, test: string): string {
  return ctx.negated ? `(${name(f)} IS NOT NULL AND ${test})` : test
}

