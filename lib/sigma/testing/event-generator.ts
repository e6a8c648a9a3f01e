import ipaddr from 'ipaddr.js'
import type { Expression } from '../nodes'
import { ANY_CHARS, type SigmaString } from '../sigma-string'
import type { EventValue, FlatEvent } from './event'
import { filler, oneCharacter, type FillerOptions } from './hostile-text'
import { mutateEvent } from './mutations'
import { createRandom, type Random } from './random'
import { sampleRegex } from './regex-sampler'

/**
 * Events generated from a rule's expression, for differential tests: events
 * built to satisfy it (one random path through its ORs and NOTs at a time,
 * every leaf on that path given a value that should match it, wildcards and
 * regexes filled with plain and hostile text), events built to falsify it,
 * the event with no field at all, and mutations of each (see `mutations.ts`).
 *
 * Nothing here says whether an event matches: the caller labels every event
 * with the reference evaluator. A `probe` (usually that evaluator) only
 * steers the search towards events that match.
 */
export interface EventGeneratorOptions {
  readonly seed: number
  /** Attempts at building an event that satisfies the expression (default 4). */
  readonly positives?: number
  /** Attempts at building one that falsifies it (default 2, at least one per top-level conjunct up to 8). */
  readonly negatives?: number
  /** Mutated copies of each built event (default 8). */
  readonly mutations?: number
  /** Probability that a piece of wildcard filler is a hostile character (default 0.35). */
  readonly hostility?: number
  /** Whether values may contain line breaks (default true). */
  readonly newlines?: boolean
  /** Fields that receive the values of keyword (field-less) searches (default `['Message']`). */
  readonly keywordFields?: readonly string[]
  /** At most this many events (default 64). */
  readonly limit?: number
  /** Tells whether an event matches; used to retry a built event that does not. */
  readonly probe?: (expression: Expression, event: FlatEvent) => boolean
}

type Leaf = Exclude<Expression, { kind: 'AndNode' | 'OrNode' | 'NotNode' }>
interface Want {
  readonly leaf: Leaf
  readonly truth: boolean
}

/** What building an event needs; `createGeneratorContext` makes one. */
export interface GeneratorContext {
  readonly random: Random
  readonly fill: FillerOptions
  readonly keywordFields: readonly string[]
}

export function generateEvents(expression: Expression, options: EventGeneratorOptions): FlatEvent[] {
  const context = createGeneratorContext(options)
  const { random } = context
  const limit = options.limit ?? 64
  const built: FlatEvent[] = []
  const positives = options.positives ?? 4
  for (let i = 0; i < positives; i++) {
    let event = buildEvent(expression, true, context)
    for (let retry = 0; options.probe && retry < 6 && !options.probe(expression, event); retry++) {
      event = buildEvent(expression, true, context)
    }
    built.push(event)
  }
  // Falsify each top-level conjunct in turn, so that every `and not …` gets an event that trips it.
  const negatives = Math.max(options.negatives ?? 2, Math.min(conjunctsOf(expression).length, 8))
  for (let i = 0; i < negatives; i++) built.push(buildEvent(expression, false, context, i))
  const events = new Map<string, FlatEvent>()
  const add = (event: FlatEvent) => {
    const key = JSON.stringify(Object.entries(event).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (!events.has(key)) events.set(key, event)
  }
  add({})
  for (const event of built) add(event)
  const mutations = options.mutations ?? 8
  for (const event of built) {
    for (const mutant of mutateEvent(event, mutations, random, context.fill)) add(mutant)
  }
  return [...events.values()].slice(0, limit)
}

export function createGeneratorContext(options: EventGeneratorOptions): GeneratorContext {
  return {
    random: createRandom(options.seed),
    fill: { hostility: options.hostility ?? 0.35, newlines: options.newlines ?? true },
    keywordFields: options.keywordFields?.length ? options.keywordFields : ['Message'],
  }
}

/** One event built so that `expression` should evaluate to `truth`. */
export function buildEvent(expression: Expression, truth: boolean, context: GeneratorContext, focus?: number): FlatEvent {
  const wants: Want[] = []
  const conjuncts = conjunctsOf(expression)
  if (!truth && focus !== undefined && conjuncts.length > 1) {
    conjuncts.forEach((child, i) => plan(child, i !== focus % conjuncts.length, context.random, wants))
  } else plan(expression, truth, context.random, wants)
  return realize(wants, context)
}

/** The operands of nested ANDs, flattened. */
function conjunctsOf(node: Expression): Expression[] {
  return node.kind === 'AndNode' ? node.children.flatMap(conjunctsOf) : [node]
}

function plan(node: Expression, truth: boolean, random: Random, wants: Want[]): void {
  switch (node.kind) {
    case 'AndNode':
      if (truth) for (const child of node.children) plan(child, true, random, wants)
      else if (node.children.length > 0) plan(random.pick(node.children), false, random, wants)
      return
    case 'OrNode':
      if (!truth) for (const child of node.children) plan(child, false, random, wants)
      else if (node.children.length > 0) plan(random.pick(node.children), true, random, wants)
      return
    case 'NotNode':
      plan(node.child, !truth, random, wants)
      return
    default:
      wants.push({ leaf: node, truth })
  }
}

function realize(wants: readonly Want[], context: GeneratorContext): FlatEvent {
  const { random } = context
  const byField = new Map<string, Want[]>()
  const refs: Want[] = []
  for (const want of wants) {
    if (want.leaf.kind === 'FieldRefNode') {
      refs.push(want)
      continue
    }
    const field = want.leaf.field ?? random.pick(context.keywordFields)
    byField.set(field, [...(byField.get(field) ?? []), asFieldSearch(want)])
  }
  const event: FlatEvent = {}
  for (const [field, fieldWants] of byField) {
    const value = valueFor(fieldWants, context)
    if (value !== undefined) event[field] = value
  }
  for (const { leaf, truth } of refs) {
    if (leaf.kind !== 'FieldRefNode') continue
    const other = event[leaf.otherField] ?? filler(random, context.fill, 3) + 'ref'
    event[leaf.otherField] = other
    event[leaf.field] = truth ? relatedText(String(other), leaf.match, leaf.cased, context) : filler(random, context.fill)
  }
  return event
}

/** A keyword search finds its text anywhere in a value: as a field search, it is `*text*`. */
function asFieldSearch(want: Want): Want {
  const { leaf } = want
  if (leaf.field !== null || leaf.kind !== 'StringMatchNode') return want
  return { truth: want.truth, leaf: { ...leaf, value: [ANY_CHARS, ...leaf.value, ANY_CHARS] } }
}

/** The value of one field given what its leaves should evaluate to; undefined for absent. */
function valueFor(wants: readonly Want[], context: GeneratorContext): EventValue | undefined {
  const { random } = context
  const positive = wants.filter((w) => w.truth).map((w) => w.leaf)
  const negative = wants.filter((w) => !w.truth).map((w) => w.leaf)
  if (positive.some((l) => l.kind === 'NullMatchNode') || negative.some((l) => l.kind === 'ExistsNode')) {
    return random.chance(0.5) ? undefined : null
  }
  if (positive.length === 0) {
    // Every leaf on this field should fail: leave it out, or give it a near miss.
    if (random.chance(0.4)) return undefined
    const leaf = random.pick(negative)
    const near = leaf.kind === 'NullMatchNode' ? filler(random, context.fill, 3) : valueFor([{ leaf, truth: true }], context)
    return typeof near === 'string' && near.length > 0 && random.chance(0.7) ? mangleOne(near, random) : near
  }
  const numbers = positive.filter((l) => l.kind === 'NumberMatchNode')
  if (numbers.length > 0 && numbers.length === positive.length) return numberFor(numbers, random)
  const booleans = positive.filter((l) => l.kind === 'BooleanMatchNode')
  if (booleans.length > 0) return random.chance(0.8) ? booleans[0]!.value : String(booleans[0]!.value)
  const cidr = positive.find((l) => l.kind === 'CidrMatchNode')
  if (cidr) return addressIn(cidr.cidr, random)
  const time = positive.find((l) => l.kind === 'TimePartNode')
  if (time) return dateWith(time.part, time.value, random)
  return textFor(positive, context)
}

/** Text meant to satisfy several string-like leaves at once: anchored ones at the ends. */
function textFor(leaves: readonly Leaf[], context: GeneratorContext): string {
  const { random } = context
  const strings = leaves.filter((l) => l.kind === 'StringMatchNode')
  const exact = strings.find((l) => l.value.every((t) => typeof t === 'string' || t.kind === 'Placeholder'))
  if (exact) return sampleString(exact.value, exact.cased, context, true)
  const single = leaves.length === 1
  const heads: string[] = []
  const middles: string[] = []
  const tails: string[] = []
  for (const leaf of leaves) {
    switch (leaf.kind) {
      case 'StringMatchNode': {
        const text = sampleString(leaf.value, leaf.cased, context, single)
        const first = leaf.value[0]
        const last = leaf.value[leaf.value.length - 1]
        const openStart = typeof first === 'object' && first.kind === 'AnyChars'
        const openEnd = typeof last === 'object' && last.kind === 'AnyChars'
        ;(openStart && openEnd ? middles : openEnd ? heads : openStart ? tails : middles).push(text)
        break
      }
      case 'RegexMatchNode':
        middles.push(sampleRegex(leaf.pattern, leaf.flags, random) ?? filler(random, context.fill))
        break
      case 'NumberMatchNode':
        middles.push(String(numberFor([leaf], random)))
        break
      default:
        middles.push(filler(random, context.fill, 3) || 'x')
    }
  }
  heads.sort((a, b) => b.length - a.length)
  tails.sort((a, b) => b.length - a.length)
  return [...heads.slice(0, 1), ...middles, ...tails.slice(0, 1)].join('')
}

/** Text matching a Sigma string: wildcards filled, case varied unless `cased`. */
export function sampleString(value: SigmaString, cased: boolean, context: GeneratorContext, fillEnds: boolean): string {
  const { random, fill } = context
  const vary = !cased && random.chance(0.5)
  let text = ''
  value.forEach((token, index) => {
    if (typeof token === 'string') text += vary ? varyCase(token, random) : token
    else if (token.kind === 'AnyChars') {
      const atEnd = index === 0 || index === value.length - 1
      text += atEnd && !fillEnds ? '' : filler(random, fill)
    } else if (token.kind === 'OneChar') text += oneCharacter(random, fill)
    else text += `%${token.name}%`
  })
  return text
}

function varyCase(text: string, random: Random): string {
  const mode = random.int(0, 2)
  if (mode === 0) return text.toUpperCase()
  if (mode === 1) return text.toLowerCase()
  return Array.from(text, (c) => (random.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('')
}

function mangleOne(text: string, random: Random): string {
  const chars = Array.from(text)
  const at = random.int(0, chars.length - 1)
  chars[at] = chars[at] === 'x' ? 'y' : 'x'
  return chars.join('')
}

function numberFor(leaves: readonly Leaf[], random: Random): EventValue {
  let low = -Infinity
  let high = Infinity
  for (const leaf of leaves) {
    if (leaf.kind !== 'NumberMatchNode') continue
    const v = leaf.value
    if (leaf.op === 'eq') return random.chance(0.8) ? v : String(v)
    if (leaf.op === 'gt') low = Math.max(low, Math.floor(v) + 1)
    if (leaf.op === 'gte') low = Math.max(low, Math.ceil(v))
    if (leaf.op === 'lt') high = Math.min(high, Math.ceil(v) - 1)
    if (leaf.op === 'lte') high = Math.min(high, Math.floor(v))
  }
  if (low === -Infinity && high === Infinity) return random.int(0, 10000)
  if (low === -Infinity) return random.chance(0.3) ? high : high - random.int(0, 1000)
  if (high === Infinity || high < low) return random.chance(0.3) ? low : low + random.int(0, 1000)
  return random.int(low, high)
}

function addressIn(cidr: string, random: Random): string {
  try {
    const [address, bits] = ipaddr.parseCIDR(cidr)
    const bytes = address.toByteArray()
    for (let bit = bits; bit < bytes.length * 8; bit++) {
      if (random.chance(0.5)) bytes[bit >> 3]! ^= 0x80 >> (bit & 7)
    }
    return ipaddr.fromByteArray(bytes).toString()
  } catch {
    return cidr
  }
}

function dateWith(part: string, value: number, random: Random): string {
  const date = new Date(Date.UTC(2024, random.int(0, 11), random.int(1, 28), random.int(0, 23), random.int(0, 59)))
  if (part === 'minute') date.setUTCMinutes(value)
  if (part === 'hour') date.setUTCHours(value)
  if (part === 'day') date.setUTCDate(value)
  if (part === 'month') date.setUTCMonth(value - 1)
  if (part === 'year') date.setUTCFullYear(value)
  if (part === 'week') date.setTime(Date.UTC(2024, 0, 1 + (value - 1) * 7 + 2, 12))
  return date.toISOString()
}

function relatedText(other: string, match: 'eq' | 'startswith' | 'endswith' | 'contains', cased: boolean, context: GeneratorContext): string {
  const { random } = context
  const base = !cased && random.chance(0.5) ? varyCase(other, random) : other
  const extra = () => filler(random, context.fill, 2)
  if (match === 'startswith') return base + extra()
  if (match === 'endswith') return extra() + base
  if (match === 'contains') return extra() + base + extra()
  return base
}
