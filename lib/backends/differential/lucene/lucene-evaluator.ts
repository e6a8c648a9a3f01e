import ipaddr from 'ipaddr.js'
import lucene from 'lucene'
import type { EventValue, FlatEvent } from '../../../sigma/testing/event'
import { luceneRegexpToJs } from './lucene-regexp'

/**
 * Evaluates an Elasticsearch `query_string` query, parsed by the independent
 * npm `lucene` parser, against flat events, with the semantics Elasticsearch
 * gives it over `keyword` fields (and numeric fields where a rule compares
 * numbers):
 *
 * - an unquoted term is an exact, case-sensitive term (after `\` unescaping);
 *   with an unescaped `*` or `?` it is a wildcard query over the whole value;
 *   `field:*` is an exists query; a term starting with `>`/`>=`/`<`/`<=` is a range;
 * - a quoted phrase is one exact term (keyword fields are not analysed);
 * - `/…/` is an anchored Lucene regular expression (`lucene-regexp.ts`);
 * - `[a TO b]`, `{a TO b}` are ranges: numeric on numeric fields, by code point on keywords;
 * - on an `ip` field a term is an address or a CIDR network; on a `boolean` field, `true` or `false`;
 * - `_exists_:f` is true when `f` is present and not null;
 * - no field means the default field `*`: any field of the event (leniently);
 * - operators follow Lucene's classic QueryParser, not Boolean algebra: the
 *   default operator is OR, `AND` makes both neighbours required, `NOT` and `-`
 *   prohibit, and a group with only prohibited clauses matches everything
 *   else (Elasticsearch adds the match-all). So `a OR b AND c` means `b AND c`,
 *   exactly as in Elasticsearch.
 *
 * Anything Elasticsearch would reject (a regex or wildcard on a numeric field,
 * a malformed number, fuzzy or proximity operators this harness does not model)
 * throws a `LuceneEvaluationError`.
 */
export class LuceneEvaluationError extends Error {
  override readonly name = 'LuceneEvaluationError'
}

export type FieldType = 'keyword' | 'number' | 'ip' | 'boolean'
export type FieldTypes = Readonly<Record<string, FieldType>>

export type Predicate = (event: FlatEvent) => boolean

/** Parses `query` and returns a predicate over events; throws on a parse error or an unsupported construct. */
export function compileLucene(query: string, types: FieldTypes = {}): Predicate {
  let ast: LuceneNode
  try {
    ast = lucene.parse(query) as LuceneNode
  } catch (error) {
    throw new LuceneEvaluationError(`the lucene parser rejects the query: ${(error as Error).message}`)
  }
  if (!ast || (ast.left === undefined && ast.field === undefined)) throw new LuceneEvaluationError('empty query')
  return compileNode(ast, undefined, types)
}

interface LuceneNode {
  left?: LuceneNode
  right?: LuceneNode
  operator?: string
  start?: string
  parenthesized?: boolean
  field?: string
  term?: string
  quoted?: boolean
  regex?: boolean
  prefix?: string
  similarity?: number
  proximity?: number
  term_min?: string
  term_max?: string
  inclusive?: 'both' | 'none' | 'left' | 'right'
}

type Occur = 'MUST' | 'SHOULD' | 'MUST_NOT'
interface Clause {
  readonly conj: 'AND' | 'OR' | undefined
  readonly mod: 'NOT' | 'REQ' | undefined
  readonly node: LuceneNode
}

const IMPLICIT = '<implicit>'

function compileNode(node: LuceneNode, field: string | undefined, types: FieldTypes): Predicate {
  if (node.left === undefined) return compileTerm(node, field, types)
  const groupField = node.field !== undefined && node.field !== IMPLICIT ? unescape(node.field) : field
  const clauses = flattenChain(node)
  const occurs: { occur: Occur; test: Predicate }[] = []
  for (const clause of clauses) {
    const last = occurs[occurs.length - 1]
    if (last && clause.conj === 'AND' && last.occur !== 'MUST_NOT') last.occur = 'MUST'
    const prohibited = clause.mod === 'NOT'
    const required = clause.mod === 'REQ' || (clause.conj === 'AND' && !prohibited)
    const occur: Occur = prohibited ? 'MUST_NOT' : required ? 'MUST' : 'SHOULD'
    occurs.push({ occur, test: compileNode(clause.node, groupField, types) })
  }
  const must = occurs.filter((o) => o.occur === 'MUST').map((o) => o.test)
  const should = occurs.filter((o) => o.occur === 'SHOULD').map((o) => o.test)
  const mustNot = occurs.filter((o) => o.occur === 'MUST_NOT').map((o) => o.test)
  return (event) =>
    must.every((t) => t(event)) &&
    !mustNot.some((t) => t(event)) &&
    (must.length > 0 || should.length === 0 || should.some((t) => t(event)))
}

/** The clauses of one unparenthesised run `a AND b OR NOT c …`, which the parser nests to the right. */
function flattenChain(node: LuceneNode): Clause[] {
  const clauses: Clause[] = []
  let current = node
  let conj: Clause['conj']
  let mod: Clause['mod'] = startModifier(node.start)
  for (;;) {
    clauses.push({ conj, mod: combine(mod, current.left!), node: current.left! })
    const right = current.right
    if (!right) return clauses
    ;[conj, mod] = splitOperator(current.operator ?? '<implicit>')
    if (right.left !== undefined && !right.parenthesized && right.field === undefined) {
      if (right.start) mod = startModifier(right.start) ?? mod
      current = right
    } else {
      clauses.push({ conj, mod: combine(mod, right), node: right })
      return clauses
    }
  }
}

function startModifier(start: string | undefined): Clause['mod'] {
  if (start === undefined) return undefined
  if (start === 'NOT') return 'NOT'
  throw new LuceneEvaluationError(`a query cannot start with \`${start}\``)
}

function combine(mod: Clause['mod'], node: LuceneNode): Clause['mod'] {
  const prefix = node.prefix === '-' || node.prefix === '!' ? 'NOT' : node.prefix === '+' ? 'REQ' : undefined
  if (mod && prefix && mod !== prefix) throw new LuceneEvaluationError('conflicting modifiers on one clause')
  return mod ?? prefix
}

function splitOperator(operator: string): [Clause['conj'], Clause['mod']] {
  switch (operator) {
    case 'AND':
    case '&&':
      return ['AND', undefined]
    case 'OR':
    case '||':
      return ['OR', undefined]
    case 'NOT':
      return [undefined, 'NOT']
    case 'AND NOT':
      return ['AND', 'NOT']
    case 'OR NOT':
      return ['OR', 'NOT']
    case '<implicit>':
      return [undefined, undefined]
    default:
      throw new LuceneEvaluationError(`unknown operator \`${operator}\``)
  }
}

function compileTerm(node: LuceneNode, inherited: string | undefined, types: FieldTypes): Predicate {
  const named = node.field === undefined || node.field === IMPLICIT ? inherited : unescape(node.field)
  if (node.similarity != null || node.proximity != null) {
    throw new LuceneEvaluationError('fuzzy and proximity searches are not modelled')
  }
  if (named === '_exists_') {
    const target = unescape(node.term ?? '')
    return (event) => event[target] !== undefined && event[target] !== null
  }
  const test = compileValueTest(node, types)
  if (named === undefined) {
    // The default field `*`: every field, leniently (a field whose type rejects the term does not match).
    return (event) =>
      Object.keys(event).some((key) => {
        try {
          return test(event[key], types[key] ?? 'keyword')
        } catch {
          return false
        }
      })
  }
  if (hasUnescapedWildcard(named)) {
    const pattern = wildcardToRegExp(named)
    return (event) => Object.keys(event).some((key) => pattern.test(key) && test(event[key], types[key] ?? 'keyword'))
  }
  return (event) => test(event[named], types[named] ?? 'keyword')
}

type ValueTest = (value: EventValue | undefined, type: FieldType) => boolean

function compileValueTest(node: LuceneNode, types: FieldTypes): ValueTest {
  void types
  if (node.term_min !== undefined && node.term_max !== undefined) {
    const inclusive = node.inclusive ?? 'both'
    return rangeTest(
      unescape(node.term_min),
      unescape(node.term_max),
      inclusive === 'both' || inclusive === 'left',
      inclusive === 'both' || inclusive === 'right',
    )
  }
  const raw = node.term ?? ''
  if (node.regex) {
    const regex = luceneRegexpToJs(raw)
    return (value, type) => {
      if (type !== 'keyword') throw new LuceneEvaluationError(`a regexp query on a ${type} field`)
      return value !== undefined && value !== null && regex.test(keywordOf(value))
    }
  }
  if (node.quoted) return termTest(unescapePhrase(raw))
  if (raw === '*') return (value) => value !== undefined && value !== null
  if (hasUnescapedWildcard(raw)) {
    const pattern = wildcardToRegExp(raw)
    return (value, type) => {
      if (type !== 'keyword') throw new LuceneEvaluationError(`a wildcard query on a ${type} field`)
      return value !== undefined && value !== null && pattern.test(keywordOf(value))
    }
  }
  const text = unescape(raw)
  const comparison = /^([<>]=?)(.*)$/su.exec(text)
  if (comparison) {
    const [, op, bound] = comparison
    if (op!.startsWith('>')) return rangeTest(bound!, '*', op === '>=', false)
    return rangeTest('*', bound!, false, op === '<=')
  }
  return termTest(text)
}

function termTest(text: string): ValueTest {
  return (value, type) => {
    if (value === undefined || value === null) return false
    if (type === 'number') return numberOf(value) === parseNumber(text)
    if (type === 'ip') return ipMatches(value, text)
    if (type === 'boolean') {
      if (text !== 'true' && text !== 'false') throw new LuceneEvaluationError(`${JSON.stringify(text)} is not a boolean`)
      return String(value) === text
    }
    return keywordOf(value) === text
  }
}

function ipMatches(value: string | number | boolean, text: string): boolean {
  const address = indexedIp(value)
  return address !== undefined && address.match(ipQuery(text))
}

/**
 * An address or CIDR term as Elasticsearch queries an `ip` field: in the 16-byte IPv6 space where it
 * indexes IPv4 as IPv4-mapped, so `10.0.0.0/8` is `::ffff:10.0.0.0/104`. Like Elasticsearch, it refuses
 * a CIDR written as an IPv4-mapped address, whose prefix length would be ambiguous.
 */
function ipQuery(text: string): [ipaddr.IPv6, number] {
  const [addressText, bits] = text.includes('/') ? text.split('/', 2) : [text, undefined]
  let address: ipaddr.IPv4 | ipaddr.IPv6
  try {
    address = ipaddr.parse(addressText!)
    if (bits !== undefined) ipaddr.parseCIDR(text)
  } catch {
    throw new LuceneEvaluationError(`${JSON.stringify(text)} is not an IP address or network`)
  }
  if (bits !== undefined && address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress())
    throw new LuceneEvaluationError(`${JSON.stringify(text)}: CIDR notation is not allowed with an IPv4-mapped IPv6 address`)
  const prefix = bits === undefined ? (address.kind() === 'ipv4' ? 32 : 128) : Number(bits)
  return address.kind() === 'ipv4' ? [(address as ipaddr.IPv4).toIPv4MappedAddress(), prefix + 96] : [address as ipaddr.IPv6, prefix]
}

/** How Elasticsearch indexes a value in an `ip` field: as 16 bytes, IPv4 as IPv4-mapped; undefined when it rejects it. */
export function indexedIp(value: unknown): ipaddr.IPv6 | undefined {
  // Elasticsearch takes dotted-quad IPv4 (no leading zeros) and IPv6, not inet_aton's `10.1` or `0x7f.1`.
  if (typeof value !== 'string' || !(ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value))) return undefined
  const address = ipaddr.parse(value)
  return address.kind() === 'ipv4' ? (address as ipaddr.IPv4).toIPv4MappedAddress() : (address as ipaddr.IPv6)
}

function rangeTest(min: string, max: string, includeMin: boolean, includeMax: boolean): ValueTest {
  return (value, type) => {
    if (value === undefined || value === null) return false
    if (type === 'ip' || type === 'boolean') throw new LuceneEvaluationError(`a range on a ${type} field is not modelled`)
    if (type === 'number') {
      const v = numberOf(value)
      if (Number.isNaN(v)) return false
      const lowOk = min === '*' || (includeMin ? v >= parseNumber(min) : v > parseNumber(min))
      const highOk = max === '*' || (includeMax ? v <= parseNumber(max) : v < parseNumber(max))
      return lowOk && highOk
    }
    const v = keywordOf(value)
    const lowOk = min === '*' || (includeMin ? compareCodePoints(v, min) >= 0 : compareCodePoints(v, min) > 0)
    const highOk = max === '*' || (includeMax ? compareCodePoints(v, max) <= 0 : compareCodePoints(v, max) < 0)
    return lowOk && highOk
  }
}

function parseNumber(text: string): number {
  const n = Number(text)
  if (text.trim() === '' || Number.isNaN(n)) throw new LuceneEvaluationError(`${JSON.stringify(text)} is not a number`)
  return n
}

/** How a JSON scalar is indexed in a keyword field. */
export function keywordOf(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value)
}

function numberOf(value: string | number | boolean): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '') return Number(value)
  return Number.NaN
}

function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!)
  const y = Array.from(b, (c) => c.codePointAt(0)!)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
  return x.length - y.length
}

function hasUnescapedWildcard(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') i++
    else if (term[i] === '*' || term[i] === '?') return true
  }
  return false
}

/** `\x` is `x`; everything else is itself. */
function unescape(text: string): string {
  return text.replace(/\\([\s\S])/gu, '$1')
}

function unescapePhrase(text: string): string {
  return text.replace(/\\([\s\S])/gu, '$1')
}

/** A Lucene wildcard term (`*`, `?`, `\` escapes) as an anchored JavaScript regex over code points. */
function wildcardToRegExp(term: string): RegExp {
  let source = ''
  const chars = Array.from(term)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    if (c === '\\' && i + 1 < chars.length) source += escapeRegex(chars[++i]!)
    else if (c === '*') source += '[\\s\\S]*'
    else if (c === '?') source += '[\\s\\S]'
    else source += escapeRegex(c)
  }
  return new RegExp(`^${source}$`, 'u')
}

function escapeRegex(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char
}
