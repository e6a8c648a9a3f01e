import type { CompileContext, NodeOf } from '../compiler/dialect'
import { compileExpression, type CompileOptions, type Compiled } from '../compiler/text-query-compiler'
import { unsupported, UnsupportedFeatureError } from '../compiler/unsupported'
import type { Expression } from '../../sigma/nodes'
import { cidrBody } from '../shared/cidr-regex'
import { isAnyChars, type SigmaString } from '../../sigma/sigma-string'
import { writePattern } from '../shared/pattern'
import { defineTarget } from '../target'
import { jsonBareRegex, jsonStringRegex } from './grep-json-regex'
import { PCRE_SIZE_LIMIT, pcreCompiledSize } from './pcre-size'
import { grepRegex, JSON_CHAR, JSON_CHAR_DEFINITION, jsonBareContent, jsonKey, jsonKeyword, jsonStringContent, NOT_NULL, pcreEscape, trimAnyChars, VALUE_END } from './grep-json'
import { approximateRawLines, droppedWarning, keywordExactOnLine } from './grep-raw-lines'

/**
 * `grep -P` (PCRE, run with a UTF-8 locale such as `LC_ALL=C.UTF-8`): one
 * pattern that a log line matches when the event matches, in the shape of
 * the first seed — `^(?:…)` of lookaheads: AND is a run of `(?=…)`, OR an
 * alternation, NOT a `(?!…)`.
 *
 * Three readings of a line, chosen by the pipeline's `lines`:
 * - `raw` (default): the line is unstructured text, so each value is looked
 *   for anywhere on it, case-insensitively with `(?i:…)`. Field names are not
 *   visible, so this over-matches (a value in another field, or a value that
 *   only contains the text) and never misses an event: an exclusion a line
 *   cannot decide is left out with a warning (grep-raw-lines.ts), and so is
 *   what a line cannot show at all (field presence, comparisons).
 * - `raw-line-exclusions` (pipeline of that name): raw lines as the first
 *   seed's grep reads them, a `not` excluding the line wherever the value
 *   appears, even in another field; it may miss events, and says so.
 * - `jsonl` (pipeline `jsonl`): the line is a flat JSON object; each value is
 *   looked for as a whole inside its own `"field":"value"` member, spelled as
 *   JSON escapes it (rule regexes too, translated by grep-json-regex.ts), or as the text of a
 *   bare number or boolean (`jsonBareContent`). Exact, and an absent field fails a lookahead, so it
 *   passes a `not`.
 */
export const grep = defineTarget({
  id: 'grep',
  label: 'grep -P (PCRE over log lines)',
  language: 'shell',
  pipelines: ['none', 'jsonl', 'raw-line-exclusions'],
  dialect: {
    logic: { and: '', or: '|', not: '(?!{expr})', notGroups: true, group: '(?:{expr})', precedence: 'and-over-or' },
    leaves: {
      StringMatchNode: (node, ctx) => {
        if (node.field === null && json(ctx)) return `(?=${jsonKeyword(node.value, node.cased)})`
        if (ctx.negated && keywordExactOnLine(node)) return rawLine(exactKeyword(node), ctx, node, true)
        return stringMatch(node.field, [node.value], node.cased, ctx, node)
      },
      RegexMatchNode: (node, ctx) => {
        if (json(ctx)) {
          if (node.field === null) return ctx.unsupported('keyword-regex', 'a field-less regex over JSON lines would also read the field names', node)
          const inString = jsonStringRegex(node.pattern, node.flags)
          const bare = jsonBareRegex(node.pattern, node.flags)
          if (!inString.ok) return ctx.unsupported('regex-syntax', `grep cannot run \`${node.pattern}\` on JSON-escaped text: ${inString.reason}`, node)
          const fold = (p: string) => (node.flags.i || /^\(\?[ms]*i/.test(node.pattern) ? `(?i:${p})` : `(?:${p})`)
          const bareBranch = bare.ok ? `|${NOT_NULL}${fold(bare.regex)}` : ''
          return line(`${jsonKey(node.field)}(?:"${fold(inString.regex)}"${bareBranch})${VALUE_END}`)
        }
        // Escapes first (`\\$` is a backslash, then the anchor; `\[` no class), then classes.
        if (/[\^$]/.test(node.pattern.replace(/\\./gs, '').replace(/\[[^\]]*\]/g, '')))
          return widen(ctx, 'a regex anchored to a field value (`^`, `$`) cannot be placed on a raw line; it is left out', node)
        const flags = (['i', 'm', 's'] as const).filter((f) => node.flags[f]).join('')
        const pattern = grepRegex(node.pattern)
        return rawLine(flags ? `(?${flags}:${pattern})` : `(?:${pattern})`, ctx, node)
      },
      CidrMatchNode: (node, ctx) => {
        const body = cidrBody(node.cidr)
        if (body === undefined) return ctx.unsupported('cidr', `\`${node.cidr}\` is not a CIDR network`, node)
        if (json(ctx)) return line(`${jsonKey(node.field)}"${body}"${VALUE_END}`)
        // On a raw line an IPv6 network (thousands of characters of spellings) is not worth its size.
        if (node.cidr.includes(':')) return widen(ctx, `the IPv6 network ${node.cidr} is left out on raw lines`, node)
        return rawLine(body, ctx, node)
      },
      NumberMatchNode: (node, ctx) => {
        if (node.op !== 'eq') {
          if (!json(ctx)) return widen(ctx, 'a number comparison cannot be made on a raw line; it is left out', node)
          return ctx.unsupported('number-compare', 'grep cannot compare numbers', node)
        }
        const n = pcreEscape(String(node.value))
        if (!json(ctx)) return rawLine(n, ctx, node)
        return line(`${node.field === null ? '[:,\\[]\\s*' : jsonKey(node.field)}(?:${n}|"${n}")${VALUE_END}`)
      },
      // The evaluator also accepts the text "true"/"false" in any case.
      BooleanMatchNode: (node, ctx) =>
        json(ctx) ? line(`${jsonKey(node.field)}(?:${node.value}|"(?i:${node.value})")${VALUE_END}`) : rawLine(`(?i:${node.value})`, ctx, node),
      NullMatchNode: (node, ctx) => jsonOnly(node, ctx, (key) => `(?!.*${key}(?!null${VALUE_END}))`),
      // A null value does not exist.
      ExistsNode: (node, ctx) => jsonOnly(node, ctx, (key) => line(`${key}(?!null${VALUE_END})`)),
      FieldRefNode: (node, ctx) =>
        json(ctx) ? ctx.unsupported('fieldref', 'grep cannot compare two fields of a line', node) : widen(ctx, 'a field comparison cannot be made on a raw line; it is left out', node),
      TimePartNode: unsupported('time-part', 'grep cannot extract a part of a date'),
    },
    foldField: (field, nodes, ctx) => stringMatch(field, nodes.map((n) => n.value), nodes[0]!.cased, ctx, nodes[0]!),
    finish: (condition) => grepCommand(condition),
  },
  compile: (expression, options) =>
    (options.dataSource?.lines ?? 'raw') === 'raw' ? compileRawLines(expression, options) : compileExpression(expression, grep.dialect, options),
})

/**
 * The default raw reading: the rule made a sound over-approximation first
 * (grep-raw-lines.ts), so a `not` never excludes a line it cannot decide.
 */
function compileRawLines(expression: Expression, options: CompileOptions): Compiled {
  const { condition, dropped } = approximateRawLines(expression, keywordExactOnLine)
  const warning = droppedWarning(dropped)
  const warnings = warning ? [{ message: warning, location: dropped[0]!.location }] : []
  // The whole rule folded to a constant: every line (an exclusion alone) or none.
  if (typeof condition === 'boolean') return { query: grepCommand(condition ? '(?=)' : '(?!)'), warnings }
  const compiled = compileExpression(condition, grep.dialect, options)
  return { query: compiled.query, warnings: [...warnings, ...compiled.warnings] }
}

function grepCommand(condition: string): string {
  // Subroutines keep long patterns within PCRE2's compiled-size limit: `(?&c)` is one JSON
  // string character, `(?&h)` one IPv6 hex group (CIDR networks repeat it hundreds of times).
  const body = condition.replaceAll(HEX_GROUP, '(?&h)')
  const defines = (body.includes(JSON_CHAR) ? JSON_CHAR_DEFINITION : '') + (body.includes('(?&h)') ? `(?(DEFINE)(?<h>${HEX_GROUP}))` : '')
  const pattern = `^${defines}(?:${body})`
  const size = pcreCompiledSize(pattern)
  if (size > PCRE_SIZE_LIMIT)
    throw new UnsupportedFeatureError('pattern-too-large', `grep -P would compile the pattern into about ${size} code units; PCRE2 takes at most ${PCRE_SIZE_LIMIT}`)
  return `grep -P '${pattern.replaceAll("'", `'\\''`)}'`
}

const HEX_GROUP = '[0-9a-fA-F]{1,4}'

const json = (ctx: CompileContext) => ctx.dataSource.lines === 'jsonl'
const line = (pattern: string) => `(?=.*${pattern})`

/**
 * A value test on a raw line. Negated, it reaches here only for an exact keyword, or in the
 * `raw-line-exclusions` reading, where it may exclude a line whose value sits in another field.
 */
function rawLine(pattern: string, ctx: CompileContext, node: Expression, exact = false): string {
  if (ctx.negated && !exact) ctx.warn(NEGATED_RAW, node)
  return line(pattern)
}
const NEGATED_RAW =
  "under `not`, a raw line is excluded wherever the value appears, even in another field, so events can be missed (grep's default pipeline leaves such exclusions out; pipeline jsonl is exact)"
const fold = (pattern: string, cased: boolean) => (cased ? pattern : `(?i:${pattern})`)

/** One lookahead for a field holding any of the values (one value, or ORed values of one field). */
function stringMatch(field: string | null, values: readonly SigmaString[], cased: boolean, ctx: CompileContext, node: Expression): string {
  const alternatives = (parts: string[]) => (parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`)
  if (!json(ctx)) return rawLine(fold(alternatives(values.map((v) => writePattern(trimAnyChars(v), { literal: pcreEscape, many: '.*', one: '.' }))), cased), ctx, node)
  // A JSON number or boolean is equal to its text (`"55"` and `55` both match `5*`).
  const bares = values.map((v) => jsonBareContent(v, cased)).filter((b): b is string => b !== undefined)
  // Values that are all `*X*` (a contains list) share their ends, `(?&c)*(?:X1|X2)(?&c)*`: one copy of each end
  // instead of one per value keeps lists of hundreds of values (SigmaHQ's emoji rules) within PCRE2's size limit.
  const contained = values.length > 1 && values.every((v) => v.length >= 2 && isAnyChars(v[0]) && isAnyChars(v[v.length - 1]))
  const strings = contained
    ? `${JSON_CHAR}*${alternatives(values.map((v) => jsonStringContent(v.slice(1, -1), cased)))}${JSON_CHAR}*`
    : alternatives(values.map((v) => jsonStringContent(v, cased)))
  const content = `"${fold(strings, cased)}"`
  return line(`${jsonKey(field!)}${bares.length === 0 ? content : `(?:${content}|${alternatives(bares)})`}${VALUE_END}`)
}

/**
 * A keyword under a `not`, on a raw line: its ASCII letters as `[aA]` classes rather than `(?i)`, which
 * also folds `ſ` into `s` (the evaluator does not), so that a line it excludes never holds a match the
 * evaluator would not see. Other characters are literal, so the exclusion can only be narrower.
 */
function exactKeyword(node: NodeOf<'StringMatchNode'>): string {
  const letter = (c: string) => (/[a-zA-Z]/.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : pcreEscape(c))
  const literal = (text: string) => (node.cased ? pcreEscape(text) : Array.from(text, letter).join(''))
  return writePattern(trimAnyChars(node.value), { literal, many: '.*', one: '.' })
}

function jsonOnly(node: NodeOf<'NullMatchNode' | 'ExistsNode'>, ctx: CompileContext, pattern: (key: string) => string): string {
  if (!json(ctx)) return widen(ctx, 'a raw log line does not show whether a field is present; the check is left out', node)
  return pattern(jsonKey(node.field))
}

/**
 * A condition a raw line cannot show, left out so that the pattern only
 * over-matches: always true where it counts for a match, always false under
 * an odd number of `not`s (where true would exclude events).
 */
function widen(ctx: CompileContext, message: string, node: Expression): string {
  ctx.warn(`${message} (the pattern over-matches)`, node)
  return ctx.negated ? '(?!)' : '(?=)'
}
