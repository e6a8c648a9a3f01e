import { RE2JS } from 're2js'
import type { Expression } from '../../sigma/nodes'
import { classifySigmaString, type SigmaString } from '../../sigma/sigma-string'
import type { CompileContext } from '../compiler/dialect'
import { compileExpression } from '../compiler/text-query-compiler'
import { backslashEscape, writePattern } from '../shared/pattern'
import { defineTarget } from '../target'
import { foldLongOrs, isGeneratedRegex } from './kql-or-regex'
import { defenderRegistryValues } from './kql-registry-values'
import { kustoType } from './kql-schema'

/**
 * Microsoft Sentinel / Defender XDR KQL (`<Table> | where …`):
 *
 * - The table comes from the pipeline's data source (`DeviceProcessEvents`,
 *   `WindowsEvent`, …); a log source without one is unsupported, not guessed.
 * - Sigma's case-insensitive matching: `=~`, `startswith`, `endswith`,
 *   `contains` (substring; `has` matches whole terms only, so it is not
 *   used), `in~`; `cased` uses `==`, `startswith_cs`, `endswith_cs`,
 *   `contains_cs`, `in`. Other wildcard patterns become `matches regex` (RE2)
 *   anchored with `^…$`.
 * - Regexes run with `matches regex` (RE2; flags as `(?ims)`); a regex RE2
 *   rejects (look-arounds, back-references) is unsupported.
 * - `ipv4_is_in_range` / `ipv6_is_in_range` for networks; `isempty` /
 *   `isnotempty` for null and exists (KQL strings are never null: absent is "").
 * - A field mapped to `Column.Key` reads a key of a `dynamic` column
 *   (`tostring(EventData.Image)`); a mapped `strcat(…)`/`iff(…)` is an expression.
 * - Keyword searches use `* contains "…"` (any column).
 */
export const kql = defineTarget({
  id: 'kql',
  label: 'Microsoft Sentinel / Defender XDR KQL',
  language: 'kql',
  pipelines: ['defender-xdr', 'sentinel-windows-event'],
  dialect: {
    logic: { and: ' and ', or: ' or ', not: 'not({expr})', notGroups: true, group: '({expr})', precedence: 'and-over-or' },
    leaves: {
      StringMatchNode: (node, ctx) => {
        if (node.field === null) return keyword(node.value, node.cased, node, ctx)
        const f = column(node.field, ctx)
        const shape = classifySigmaString(node.value)
        const cs = node.cased ? '_cs' : ''
        switch (shape.kind) {
          case 'plain':
            return `${f} ${node.cased ? '==' : '=~'} ${str(shape.text)}`
          case 'wildcard':
            return `${f} matches regex ${str(wildcardRegex(node.value, node.cased))}`
          default:
            return `${f} ${shape.kind}${cs} ${str(shape.text)}`
        }
      },
      RegexMatchNode: (node, ctx) => {
        if (node.field === null) return ctx.unsupported('keyword-regex', 'KQL cannot run a regex over every column', node)
        const flags = (['i', 'm', 's'] as const).filter((k) => node.flags[k]).join('')
        const pattern = (flags ? `(?${flags})` : '') + node.pattern
        const rejected = isGeneratedRegex(node) ? undefined : re2Rejects(pattern)
        if (rejected) return ctx.unsupported('regex-syntax', `KQL's RE2 regex engine rejects /${node.pattern}/: ${rejected}`, node)
        return `${column(node.field, ctx)} matches regex ${str(pattern)}`
      },
      CidrMatchNode: (node, ctx) => `${node.cidr.includes(':') ? 'ipv6_is_in_range' : 'ipv4_is_in_range'}(${column(node.field, ctx)}, ${str(node.cidr)})`,
      NumberMatchNode: (node, ctx) => {
        if (node.field === null) return `* contains ${str(String(node.value))}`
        const type = columnType(node.field, ctx)
        const numeric = type === 'int' || type === 'long' || type === 'real'
        if (node.op === 'eq' && !numeric) return `${column(node.field, ctx)} == ${str(String(node.value))}`
        const f = numeric ? rawColumn(node.field, ctx) : `${Number.isInteger(node.value) ? 'tolong' : 'toreal'}(${rawColumn(node.field, ctx)})`
        const test = `${f} ${COMPARE[node.op]} ${node.value}`
        return ctx.negated ? `(isnotnull(${f}) and ${test})` : test
      },
      BooleanMatchNode: (node, ctx) => `${column(node.field, ctx)} =~ ${str(String(node.value))}`,
      NullMatchNode: (node, ctx) => `isempty(${presence(node.field, ctx)})`,
      ExistsNode: (node, ctx) => `isnotempty(${presence(node.field, ctx)})`,
      FieldRefNode: (node, ctx) => {
        const [a, b] = [column(node.field, ctx), column(node.otherField, ctx)]
        const cs = node.cased ? '_cs' : ''
        return node.match === 'eq' ? `${a} ${node.cased ? '==' : '=~'} ${b}` : `${a} ${node.match}${cs} ${b}`
      },
      TimePartNode: (node, ctx) => {
        const f = `todatetime(${rawColumn(node.field, ctx)})`
        return node.part === 'week' ? `week_of_year(${f}) == ${node.value}` : `datetime_part("${node.part}", ${f}) == ${node.value}`
      },
    },
    inList: (f, values, nodes, ctx) => `${column(f, ctx)} ${nodes[0]!.cased ? 'in' : 'in~'} (${values.map(str).join(', ')})`,
    finish: (condition, ctx) => {
      const table = ctx.dataSource.kqlTable
      if (!table) return ctx.unsupported('no-table', 'the pipeline maps this log source to no KQL table (Defender XDR or Sentinel), so there is nothing to query')
      return `${table}\n| where ${condition}`
    },
  },
  compile: (expression, options) => compileExpression(foldLongOrs(defenderRegistryValues(expression)), kql.dialect, options),
})

const COMPARE = { eq: '==', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const
const RE2_SPECIAL = backslashEscape('\\^$.|?*+()[]{}')
/** A mapped field that is already a KQL expression. */
const EXPRESSION = /^(strcat|iff|tostring|coalesce)\(/

const re2Verdicts = new Map<string, string | undefined>()

/** Why RE2 (the engine of KQL's `matches regex`) rejects a pattern, or undefined; cached per pattern. */
function re2Rejects(pattern: string): string | undefined {
  if (!re2Verdicts.has(pattern)) {
    let verdict: string | undefined
    try {
      RE2JS.compile(pattern)
    } catch (error) {
      verdict = (error as Error).message
    }
    re2Verdicts.set(pattern, verdict)
  }
  return re2Verdicts.get(pattern)
}

/** A Sigma wildcard value as an anchored RE2 regex (`*` spans line breaks, as in Sigma). */
function wildcardRegex(value: SigmaString, cased: boolean): string {
  return `(?${cased ? '' : 'i'}s)^${writePattern(value, { literal: RE2_SPECIAL, many: '.*', one: '.' })}$`
}

function keyword(value: SigmaString, cased: boolean, node: Expression, ctx: CompileContext): string {
  const shape = classifySigmaString(value)
  if (shape.kind === 'wildcard') return ctx.unsupported('keyword-wildcard', 'KQL searches every column only for a substring (`* contains`), not a wildcard pattern', node)
  return `* contains${cased ? '_cs' : ''} ${str(shape.text)}`
}

function columnType(field: string, ctx: Pick<CompileContext, 'dataSource'>): string | undefined {
  return field.includes('.') ? 'dynamic' : kustoType(ctx.dataSource.kqlTable, field)
}

/** A column as a string: a key of a dynamic column or a number column goes through `tostring()`; a mapped expression stays. */
function column(field: string, ctx: Pick<CompileContext, 'dataSource'>): string {
  const raw = rawColumn(field, ctx)
  if (EXPRESSION.test(field)) return raw
  const type = columnType(field, ctx)
  return type !== undefined && type !== 'string' ? `tostring(${raw})` : raw
}

/**
 * What is empty when a field is absent: the column, or for a mapped expression
 * (`strcat(AccountDomain, @"\", AccountName)`) its last column, which the
 * expression cannot have without.
 */
function presence(field: string, ctx: Pick<CompileContext, 'dataSource'>): string {
  if (!EXPRESSION.test(field)) return column(field, ctx)
  const columns = field.match(/\b[A-Z]\w*\b(?=\s*[,)])/g)
  return columns ? columns[columns.length - 1]! : field
}

/** `isnotempty()` of a mapped field of a table: the test that an event has a value for it. */
export function kqlPresent(field: string, table: string | undefined): string {
  return `isnotempty(${presence(field, { dataSource: { kqlTable: table } })})`
}

/** A mapped field of a table as a KQL string expression (for correlations' group-by keys). */
export function kqlColumn(field: string, table: string | undefined): string {
  return column(field, { dataSource: { kqlTable: table } })
}

/** A field of a table as a KQL number expression. */
export function kqlNumber(field: string, table: string | undefined): string {
  const ctx = { dataSource: { kqlTable: table } }
  const type = columnType(field, ctx)
  return type === 'int' || type === 'long' || type === 'real' ? rawColumn(field, ctx) : `todouble(${rawColumn(field, ctx)})`
}

/** An identifier, bracket-quoted unless it is a plain name. */
export function kqlName(name: string): string {
  // Kusto's keywords (`find`, `where`, `and`, …) are all lower case: a name is written bare only if it cannot be one.
  return /^[A-Z_]\w*$/.test(name) ? name : `['${name.replace(/['\\]/g, '\\$&')}']`
}

/**
 * The column or dynamic member without a conversion: `Column`, or for a field
 * mapped to `Column.Key` (a key of a dynamic column such as `EventData`) the
 * key, all of the rest of the name (an event field may itself contain dots):
 * `EventData.Image`, `EventData['find.']`.
 */
function rawColumn(field: string, _ctx: Pick<CompileContext, 'dataSource'>): string {
  if (EXPRESSION.test(field)) return field
  const dot = field.indexOf('.')
  if (dot === -1) return kqlName(field)
  const key = field.slice(dot + 1)
  return `${kqlName(field.slice(0, dot))}${/^[A-Z_]\w*$/.test(key) ? `.${key}` : `['${key.replace(/['\\]/g, '\\$&')}']`}`
}

/** A verbatim string `@"…"` (only `"` doubled) unless the text has control characters. */
export function str(text: string): string {
  if (!/[\x00-\x1f]/.test(text)) return `@"${text.replaceAll('"', '""')}"`
  return `"${text.replace(/[\\"\x00-\x1f]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`
}
