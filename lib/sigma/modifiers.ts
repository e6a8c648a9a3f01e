import ipaddr from 'ipaddr.js'
import { base64, base64Offsets, utf8Bytes } from './base64'
import { utf16Bytes, type Utf16Variant } from './utf16'
import { ANY_CHARS, hasWildcards, isAnyChars, normalizeSigmaString, type StringToken } from './sigma-string'
import type { Value, ValueType } from './values'
import { windashVariants } from './windash'

export const MODIFIER_NAMES = [
  'contains',
  'startswith',
  'endswith',
  'all',
  'base64',
  'base64offset',
  'utf16le',
  'wide',
  'utf16be',
  'utf16',
  'windash',
  're',
  'i',
  'ignorecase',
  'm',
  'multiline',
  's',
  'dotall',
  'cidr',
  'exists',
  'expand',
  'fieldref',
  'lt',
  'lte',
  'gt',
  'gte',
  'neq',
  'cased',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
] as const

export type ModifierName = (typeof MODIFIER_NAMES)[number]

/**
 * - `transformation`: rewrites the value (backend-agnostic);
 * - `type`: turns the value into another kind of match (re, cidr, exists, fieldref, compare, date part);
 * - `regex-flag`: a flag of the preceding `re`;
 * - `option`: changes how the item matches without touching the value (all, cased, neq, expand).
 */
export type ModifierKind = 'transformation' | 'type' | 'regex-flag' | 'option'

/** What applying a modifier to one value gives: the values it becomes (ORed), or an error message. */
export type ModifierResult = readonly Value[] | { readonly error: string; readonly code: string }

export interface ModifierSpec {
  readonly kind: ModifierKind
  /** Must be the first modifier of the chain. */
  readonly first: boolean
  /** The value types it applies to. */
  readonly accepts: readonly ValueType[]
  /** Wildcards in the value are an error. */
  readonly noWildcards: boolean
  /** Only ASCII text is allowed. */
  readonly asciiOnly: boolean
  readonly apply: (value: Value) => ModifierResult
}

type Spec = Partial<Omit<ModifierSpec, 'kind' | 'apply' | 'accepts'>> &
  Pick<ModifierSpec, 'kind' | 'apply' | 'accepts'>

function define(spec: Spec): ModifierSpec {
  return Object.freeze({ first: false, noWildcards: false, asciiOnly: false, ...spec })
}

const identity = (value: Value): ModifierResult => [value]

function stringValue(tokens: readonly StringToken[], from: Value & { type: 'string' }, binary = from.binary): Value {
  return { type: 'string', raw: from.raw, tokens: normalizeSigmaString(tokens), binary }
}

/** startswith/endswith/contains: add `*` (strings), `.*` (regexes) or set the comparison (fieldref). */
function wrap(side: 'start' | 'end' | 'both') {
  return (value: Value): ModifierResult => {
    switch (value.type) {
      case 'string': {
        const tokens = [...value.tokens]
        if (side !== 'start' && !isAnyChars(tokens[0])) tokens.unshift(ANY_CHARS)
        if (side !== 'end' && !isAnyChars(tokens[tokens.length - 1])) tokens.push(ANY_CHARS)
        return [stringValue(tokens, value)]
      }
      case 'regex': {
        let pattern = value.pattern
        if (side !== 'start' && !pattern.startsWith('.*') && !pattern.startsWith('^')) pattern = '.*' + pattern
        if (side !== 'end' && !pattern.endsWith('.*') && !pattern.endsWith('$')) pattern = pattern + '.*'
        return [{ ...value, pattern }]
      }
      case 'fieldref': {
        const match = side === 'both' ? 'contains' : side === 'start' ? 'startswith' : 'endswith'
        return [{ ...value, match }]
      }
      default:
        return [value]
    }
  }
}

function literalText(value: Value & { type: 'string' }): string {
  return value.tokens.map((t) => (typeof t === 'string' ? t : '')).join('')
}

function encodeBase64(offsets: boolean) {
  return (value: Value): ModifierResult => {
    if (value.type !== 'string') return [value]
    const bytes = value.binary ? literalText(value) : utf8Bytes(literalText(value))
    const encoded = offsets ? base64Offsets(bytes) : [base64(bytes)]
    return encoded.map((text) => stringValue([text], value, false))
  }
}

function encodeUtf16(variant: Utf16Variant) {
  return (value: Value): ModifierResult => {
    if (value.type !== 'string') return [value]
    const tokens = value.tokens.map((t) => (typeof t === 'string' ? utf16Bytes(t, variant) : t))
    if (variant === 'utf16' && typeof tokens[0] !== 'string') tokens.unshift('\xff\xfe')
    return [stringValue(tokens, value, true)]
  }
}

function regexFlag(flag: 'i' | 'm' | 's') {
  return (value: Value): ModifierResult => (value.type === 'regex' ? [{ ...value, flags: { ...value.flags, [flag]: true } }] : [value])
}

function compare(op: 'lt' | 'lte' | 'gt' | 'gte') {
  return (value: Value): ModifierResult => (value.type === 'number' ? [{ type: 'compare', op, value: value.value }] : [value])
}

function timePart(part: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year') {
  return (value: Value): ModifierResult => (value.type === 'number' ? [{ type: 'timepart', part, value: value.value }] : [value])
}

const TEXT: readonly ValueType[] = ['string']
const WRAPPABLE: readonly ValueType[] = ['string', 'regex', 'fieldref']

/** Every modifier of Sigma 2.1 (and the pySigma aliases), and what it may be applied to. */
export const MODIFIERS = {
  contains: define({ kind: 'transformation', accepts: WRAPPABLE, apply: wrap('both') }),
  startswith: define({ kind: 'transformation', accepts: WRAPPABLE, apply: wrap('start') }),
  endswith: define({ kind: 'transformation', accepts: WRAPPABLE, apply: wrap('end') }),
  all: define({ kind: 'option', accepts: ['string', 'number', 'boolean', 'regex', 'cidr', 'fieldref', 'compare', 'timepart'], apply: identity }),
  base64: define({ kind: 'transformation', accepts: TEXT, noWildcards: true, apply: encodeBase64(false) }),
  base64offset: define({ kind: 'transformation', accepts: TEXT, noWildcards: true, apply: encodeBase64(true) }),
  utf16le: define({ kind: 'transformation', accepts: TEXT, asciiOnly: true, apply: encodeUtf16('utf16le') }),
  wide: define({ kind: 'transformation', accepts: TEXT, asciiOnly: true, apply: encodeUtf16('utf16le') }),
  utf16be: define({ kind: 'transformation', accepts: TEXT, asciiOnly: true, apply: encodeUtf16('utf16be') }),
  utf16: define({ kind: 'transformation', accepts: TEXT, asciiOnly: true, apply: encodeUtf16('utf16') }),
  windash: define({
    kind: 'transformation',
    accepts: TEXT,
    apply: (value) => (value.type === 'string' ? windashVariants(value.tokens).map((t) => stringValue(t, value)) : [value]),
  }),
  re: define({
    kind: 'type',
    first: true,
    accepts: TEXT,
    apply: (value) => (value.type === 'string' ? [{ type: 'regex', pattern: value.raw, flags: { i: false, m: false, s: false } }] : [value]),
  }),
  i: define({ kind: 'regex-flag', accepts: ['regex'], apply: regexFlag('i') }),
  ignorecase: define({ kind: 'regex-flag', accepts: ['regex'], apply: regexFlag('i') }),
  m: define({ kind: 'regex-flag', accepts: ['regex'], apply: regexFlag('m') }),
  multiline: define({ kind: 'regex-flag', accepts: ['regex'], apply: regexFlag('m') }),
  s: define({ kind: 'regex-flag', accepts: ['regex'], apply: regexFlag('s') }),
  dotall: define({ kind: 'regex-flag', accepts: ['regex'], apply: regexFlag('s') }),
  cidr: define({
    kind: 'type',
    first: true,
    accepts: TEXT,
    apply: (value) => {
      if (value.type !== 'string') return [value]
      try {
        ipaddr.parseCIDR(value.raw)
        return [{ type: 'cidr', cidr: value.raw }]
      } catch {
        return { error: `Invalid CIDR network \`${value.raw}\``, code: 'invalid-cidr' }
      }
    },
  }),
  exists: define({
    kind: 'type',
    first: true,
    accepts: ['boolean'],
    apply: (value) => (value.type === 'boolean' ? [{ type: 'exists', value: value.value }] : [value]),
  }),
  expand: define({ kind: 'option', accepts: TEXT, apply: identity }),
  fieldref: define({
    kind: 'type',
    accepts: TEXT,
    noWildcards: true,
    apply: (value) => (value.type === 'string' ? [{ type: 'fieldref', field: value.raw, match: 'eq' }] : [value]),
  }),
  lt: define({ kind: 'type', accepts: ['number'], apply: compare('lt') }),
  lte: define({ kind: 'type', accepts: ['number'], apply: compare('lte') }),
  gt: define({ kind: 'type', accepts: ['number'], apply: compare('gt') }),
  gte: define({ kind: 'type', accepts: ['number'], apply: compare('gte') }),
  neq: define({ kind: 'option', accepts: ['string', 'number', 'boolean', 'regex', 'cidr', 'fieldref', 'compare', 'timepart', 'null'], apply: identity }),
  cased: define({ kind: 'option', accepts: ['string', 'fieldref'], apply: identity }),
  minute: define({ kind: 'type', accepts: ['number'], apply: timePart('minute') }),
  hour: define({ kind: 'type', accepts: ['number'], apply: timePart('hour') }),
  day: define({ kind: 'type', accepts: ['number'], apply: timePart('day') }),
  week: define({ kind: 'type', accepts: ['number'], apply: timePart('week') }),
  month: define({ kind: 'type', accepts: ['number'], apply: timePart('month') }),
  year: define({ kind: 'type', accepts: ['number'], apply: timePart('year') }),
} as const satisfies Record<ModifierName, ModifierSpec>

export function isModifierName(name: string): name is ModifierName {
  return Object.hasOwn(MODIFIERS, name)
}

export function isAscii(value: Value & { type: 'string' }): boolean {
  return value.tokens.every((t) => typeof t !== 'string' || /^[\x00-\x7f]*$/.test(t))
}

export { hasWildcards }
