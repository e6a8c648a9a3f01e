import ipaddr from 'ipaddr.js'
import { compileRegex } from './regex'
import { SigmaError } from './diagnostics'
import { allValues, fieldValues, numericValue, scalarText } from './event-fields'
import type { CidrMatchNode, Expression, FieldRefNode, NumberMatchNode, StringMatchNode, TimePartNode } from './nodes'
import { ANY_CHARS, normalizeSigmaString, parseSigmaString, type SigmaString, type StringToken } from './sigma-string'
import { compileWildcard, foldCase, type StringMatcher } from './wildcard'

export interface MatchOptions {
  /** Values of placeholders left in the expression (`%name%` with `expand`). */
  readonly placeholders?: Readonly<Record<string, readonly string[]>>
}

/**
 * The reference evaluator: whether a JSON event matches an expression.
 *
 * - fields are dotted paths into nested objects (see `fieldValues`); a field with
 *   several values (an array) matches if any value does;
 * - strings match whole values, case-insensitively unless `cased`, with `*` and `?`;
 *   numbers, booleans and strings compare by their text, so `EventID: 1` matches 1 and "1";
 * - a keyword (field `null`) matches if it occurs anywhere in any scalar value of the event
 *   (as if written `*keyword*`);
 * - `null` matches an absent or null field, `''` only an empty string;
 * - a match on an absent field is false, so `not` over it is true;
 * - regexes are unanchored searches run by re2js (linear time).
 *
 * Throws `SigmaError` only for a placeholder that has no value.
 */
export function matches(expression: Expression, event: unknown, options: MatchOptions = {}): boolean {
  return evaluate(expression, event, options)
}

function evaluate(node: Expression, event: unknown, options: MatchOptions): boolean {
  switch (node.kind) {
    case 'AndNode':
      return node.children.every((child) => evaluate(child, event, options))
    case 'OrNode':
      return node.children.some((child) => evaluate(child, event, options))
    case 'NotNode':
      return !evaluate(node.child, event, options)
    case 'StringMatchNode': {
      const matcher = stringMatcher(node, options)
      return texts(node.field, event).some(matcher)
    }
    case 'RegexMatchNode': {
      const regex = compileRegex(node.pattern, node.flags)
      return texts(node.field, event).some((text) => regex.test(text))
    }
    case 'NumberMatchNode':
      return values(node.field, event).some((value) => compareNumber(node, value))
    case 'BooleanMatchNode':
      return fieldValues(event, node.field).some((value) => value === node.value || (typeof value === 'string' && value.toLowerCase() === String(node.value)))
    case 'NullMatchNode':
      return fieldValues(event, node.field).every((value) => value === null || value === undefined)
    case 'ExistsNode':
      return fieldValues(event, node.field).some((value) => value !== null && value !== undefined)
    case 'CidrMatchNode':
      return cidrMatches(node, event)
    case 'FieldRefNode':
      return fieldRefMatches(node, event)
    case 'TimePartNode':
      return fieldValues(event, node.field).some((value) => timePart(value, node.part) === node.value)
  }
}

function values(field: string | null, event: unknown): unknown[] {
  return field === null ? allValues(event) : fieldValues(event, field)
}

function texts(field: string | null, event: unknown): string[] {
  return values(field, event).flatMap((value) => scalarText(value) ?? [])
}

const stringMatchers = new WeakMap<StringMatchNode, StringMatcher>()

function stringMatcher(node: StringMatchNode, options: MatchOptions): StringMatcher {
  const cached = stringMatchers.get(node)
  if (cached) return cached
  const hasPlaceholder = node.value.some((t) => typeof t === 'object' && t.kind === 'Placeholder')
  const variants = hasPlaceholder ? expandAtMatchTime(node, options) : [node.value]
  const keyword = (value: SigmaString) => (node.field === null ? normalizeSigmaString([ANY_CHARS, ...value, ANY_CHARS]) : value)
  const compiled = variants.map((value) => compileWildcard(keyword(value), node.cased))
  const matcher: StringMatcher = compiled.length === 1 ? compiled[0]! : (text) => compiled.some((m) => m(text))
  if (!hasPlaceholder) stringMatchers.set(node, matcher)
  return matcher
}

function expandAtMatchTime(node: StringMatchNode, options: MatchOptions): SigmaString[] {
  let variants: StringToken[][] = [[]]
  for (const token of node.value) {
    if (typeof token === 'object' && token.kind === 'Placeholder') {
      const replacements = options.placeholders?.[token.name]
      if (!replacements) {
        throw new SigmaError([
          { severity: 'error', code: 'unexpanded-placeholder', message: `Placeholder \`%${token.name}%\` has no configured values`, location: node.location },
        ])
      }
      variants = variants.flatMap((v) => replacements.map((r) => [...v, ...parseSigmaString(r)]))
    } else variants = variants.map((v) => [...v, token])
  }
  return variants.map(normalizeSigmaString)
}

function compareNumber(node: NumberMatchNode, value: unknown): boolean {
  // Equality is by text, as documented above: 1 matches 1 and "1", not "01" or " 1".
  if (node.op === 'eq') return typeof value === 'number' ? value === node.value : scalarText(value) === String(node.value)
  const number = numericValue(value)
  if (number === undefined) return false
  switch (node.op) {
    case 'lt':
      return number < node.value
    case 'lte':
      return number <= node.value
    case 'gt':
      return number > node.value
    case 'gte':
      return number >= node.value
  }
}

function cidrMatches(node: CidrMatchNode, event: unknown): boolean {
  let network: [ipaddr.IPv4 | ipaddr.IPv6, number]
  try {
    network = ipaddr.parseCIDR(node.cidr)
  } catch {
    return false
  }
  return fieldValues(event, node.field).some((value) => {
    // Only the standard spellings are addresses: not inet_aton's `10.1`, `4294967295` or `0x7f.1`, which ipaddr.isValid accepts.
    if (typeof value !== 'string' || !(ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value))) return false
    // An address matches networks of its own version only, as pySigma and the text targets do: `10.0.0.0/8`
    // does not cover `::ffff:10.1.2.3` (SigmaHQ lists such IPv4-mapped addresses as false positives).
    const address = ipaddr.parse(value)
    return address.kind() === network[0].kind() && address.match(network)
  })
}

function fieldRefMatches(node: FieldRefNode, event: unknown): boolean {
  const fold = (text: string) => (node.cased ? text : foldCase(text))
  const left = fieldValues(event, node.field).flatMap((v) => scalarText(v) ?? []).map(fold)
  const right = fieldValues(event, node.otherField).flatMap((v) => scalarText(v) ?? []).map(fold)
  return left.some((a) =>
    right.some((b) => {
      switch (node.match) {
        case 'eq':
          return a === b
        case 'startswith':
          return a.startsWith(b)
        case 'endswith':
          return a.endsWith(b)
        case 'contains':
          return a.includes(b)
      }
    }),
  )
}

/**
 * A part of a date value, in UTC: ISO-8601 strings (a time without an offset
 * is read as UTC) or epoch numbers (seconds below 1e11, else milliseconds).
 */
export function timePart(value: unknown, part: TimePartNode['part']): number | undefined {
  let date: Date
  if (typeof value === 'number') date = new Date(Math.abs(value) < 1e11 ? value * 1000 : value)
  else if (typeof value === 'string') {
    const text = value.trim().replace(' ', 'T')
    date = new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) || !text.includes('T') ? text : text + 'Z')
  } else return undefined
  if (Number.isNaN(date.getTime())) return undefined
  switch (part) {
    case 'minute':
      return date.getUTCMinutes()
    case 'hour':
      return date.getUTCHours()
    case 'day':
      return date.getUTCDate()
    case 'month':
      return date.getUTCMonth() + 1
    case 'year':
      return date.getUTCFullYear()
    case 'week':
      return isoWeek(date)
  }
}

function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  const day = d.getUTCDay() || 7
  d.setUTCDate(d.getUTCDate() + 4 - day)
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1)
  return Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7)
}
