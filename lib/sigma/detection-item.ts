import { isAscii, isModifierName, MODIFIERS, type ModifierName } from './modifiers'
import type { Expression } from './nodes'
import type { Location } from './position'
import { compileRegex } from './regex'
import { hasWildcards, normalizeSigmaString, parseSigmaString, type SigmaString, type StringToken } from './sigma-string'
import { describeValue, type Value } from './values'
import { isScalar, isSeq, typeName, type Entry, type YamlNode, type YamlReader } from './yaml-nodes'

export interface ItemOptions {
  /** Values of `%name%` placeholders (the `expand` modifier). */
  readonly placeholders?: Readonly<Record<string, readonly string[]>>
}

interface Modifier {
  readonly name: string
  readonly location: Location
}

/**
 * One detection item, `field|mod1|mod2: value(s)`, as an expression: the values
 * ORed (ANDed with `all`), each after its modifier chain, negated with `neq`.
 * Problems are reported to the reader's source; undefined if it cannot be built.
 */
export function resolveItem(
  reader: YamlReader,
  entry: Entry,
  options: ItemOptions,
  /** The values, when they are not simply `entry.value` (keywords mixed with maps in one list). */
  listed?: readonly YamlNode[],
): Expression | undefined {
  const { source } = reader
  const [fieldPart = '', ...names] = entry.key.split('|')
  const field = fieldPart === '' ? null : fieldPart
  const keyOffset = reader.textOffset(entry.keyNode, entry.key)
  const modifiers: Modifier[] = []
  let offset = keyOffset + fieldPart.length + 1
  for (const name of names) {
    modifiers.push({ name, location: source.location(offset, offset + name.length) })
    offset += name.length + 1
  }

  let ok = true
  const reported = new Set<string>()
  const error = (code: string, message: string, location: Location) => {
    ok = false
    const key = `${location.start.offset}:${code}:${message}`
    if (reported.has(key)) return
    reported.add(key)
    source.error(code, message, location)
  }

  for (const [index, modifier] of modifiers.entries()) {
    if (!isModifierName(modifier.name)) {
      error('unknown-modifier', `Unknown modifier \`${modifier.name}\``, modifier.location)
      continue
    }
    const previous = modifiers[index - 1]
    if (MODIFIERS[modifier.name].first && previous) {
      error(
        'modifier-not-first',
        `Modifier \`${modifier.name}\` must be the first modifier, but it follows \`${previous.name}\``,
        modifier.location,
      )
    }
  }
  if (!ok) return undefined
  const chain = modifiers as readonly (Modifier & { name: ModifierName })[]
  const has = (name: ModifierName) => chain.some((m) => m.name === name)

  const valueNodes = listed ?? (isSeq(entry.value) ? entry.value.items.map((item) => reader.resolve(item)) : [entry.value])
  if (isSeq(entry.value) && valueNodes.length === 0) {
    error('empty-value-list', `\`${entry.key}\` has an empty list of values`, entry.location)
    return undefined
  }
  const allModifier = chain.find((m) => m.name === 'all')
  if (allModifier && valueNodes.length < 2) {
    error('all-single-value', 'Modifier `all` needs a list of two or more values', allModifier.location)
  }

  const alternativesPerValue: Expression[] = []
  for (const node of valueNodes) {
    const location = reader.location(node, entry.location)
    if (node !== null && !isScalar(node)) {
      error('invalid-value', `Expected a string, number, boolean or null as the value of \`${entry.key}\`, found ${typeName(node)}`, location)
      continue
    }
    const scalar = node?.value ?? null
    if (scalar === null && valueNodes.length > 1 && chain.length === 0) {
      source.warning('null-in-list', '`null` in a list of values: put it in a selection of its own', location)
    }
    const values = applyChain([initialValue(scalar, node?.source, has('expand'))], chain, location, error)
    if (!values) continue
    const leaves: Expression[] = []
    for (const value of values) {
      for (const expanded of expandPlaceholders(value, options, (name) =>
        error('unexpanded-placeholder', `Placeholder \`%${name}%\` has no configured values`, location),
      )) {
        const leaf = toLeaf(expanded, field, has('cased'), location, error)
        if (leaf) leaves.push(leaf)
      }
    }
    if (leaves.length) alternativesPerValue.push(or(leaves, location))
  }
  if (!ok) return undefined
  const combined = allModifier
    ? { kind: 'AndNode' as const, children: alternativesPerValue, location: entry.location }
    : or(alternativesPerValue, entry.location)
  const simplified = combined.kind === 'AndNode' && combined.children.length === 1 ? combined.children[0]! : combined
  return has('neq') ? { kind: 'NotNode', child: simplified, location: entry.location } : simplified
}

type Report = (code: string, message: string, location: Location) => void

/** One value through the modifier chain, left to right: the values it becomes, or undefined after reporting why not. */
function applyChain(start: Value[], chain: readonly (Modifier & { name: ModifierName })[], location: Location, error: Report): Value[] | undefined {
  let values = start
  for (const modifier of chain) {
    const spec = MODIFIERS[modifier.name]
    const next: Value[] = []
    for (const value of values) {
      if (!spec.accepts.includes(value.type)) {
        error('modifier-type-mismatch', `Modifier \`${modifier.name}\` cannot be applied to ${describeValue(value)}`, modifier.location)
        return undefined
      }
      if (spec.noWildcards && value.type === 'string' && hasWildcards(value.tokens)) {
        error('modifier-wildcard', `Modifier \`${modifier.name}\` does not allow wildcards in \`${value.raw}\``, location)
        return undefined
      }
      if (spec.asciiOnly && value.type === 'string' && !isAscii(value)) {
        error('modifier-non-ascii', `Modifier \`${modifier.name}\` only applies to ASCII text`, location)
        return undefined
      }
      const result = spec.apply(value)
      if ('error' in result) {
        error(result.code, result.error, location)
        return undefined
      }
      next.push(...result)
    }
    values = next
  }
  return values
}

function or(children: Expression[], location: Location): Expression {
  return children.length === 1 ? children[0]! : { kind: 'OrNode', children, location }
}

/**
 * The value of a scalar before modifiers. Numbers written with leading zeros
 * (`00000429`) stay strings, as YAML 1.1 (and so pySigma and SigmaHQ) reads them.
 */
function initialValue(scalar: unknown, written: string | undefined, placeholders: boolean): Value {
  if (scalar === null || scalar === undefined) return { type: 'null' }
  if (typeof scalar === 'boolean') return { type: 'boolean', value: scalar }
  if (typeof scalar === 'number' && !(written !== undefined && /^[-+]?0\d/.test(written))) return { type: 'number', value: scalar }
  const raw = typeof scalar === 'number' ? written! : String(scalar)
  return { type: 'string', raw, tokens: parseSigmaString(raw, { placeholders }), binary: false }
}

/** Replace each configured placeholder by each of its values (all combinations). */
function expandPlaceholders(value: Value, options: ItemOptions, missing: (name: string) => void): Value[] {
  if (value.type !== 'string' || !value.tokens.some((t) => typeof t === 'object' && t.kind === 'Placeholder')) return [value]
  let variants: StringToken[][] = [[]]
  for (const token of value.tokens) {
    if (typeof token === 'object' && token.kind === 'Placeholder') {
      const replacements = options.placeholders?.[token.name]
      if (!replacements) {
        missing(token.name)
        variants = variants.map((v) => [...v, token])
      } else {
        variants = variants.flatMap((v) => replacements.map((r) => [...v, ...parseSigmaString(r)]))
      }
    } else variants = variants.map((v) => [...v, token])
  }
  return variants.map((tokens) => ({ ...value, tokens: normalizeSigmaString(tokens) }))
}

function toLeaf(
  value: Value,
  field: string | null,
  cased: boolean,
  location: Location,
  error: Report,
): Expression | undefined {
  const needsField = (what: string) => {
    error('keyword-needs-field', `${what} needs a field; a keyword search cannot use it`, location)
    return undefined
  }
  switch (value.type) {
    case 'string':
      return { kind: 'StringMatchNode', field, value: value.tokens as SigmaString, cased, location }
    case 'number':
      return { kind: 'NumberMatchNode', field, op: 'eq', value: value.value, location }
    case 'boolean':
      return field === null
        ? { kind: 'StringMatchNode', field, value: [String(value.value)], cased: false, location }
        : { kind: 'BooleanMatchNode', field, value: value.value, location }
    case 'null':
      return field === null ? needsField('`null`') : { kind: 'NullMatchNode', field, location }
    case 'regex':
      try {
        compileRegex(value.pattern, value.flags)
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause)
        // Rule regexes run on re2js, which matches in linear time and so has no backtracking features.
        const re2 = /escape sequence: `\\[1-9k]|(Perl syntax|named capture): `\(\?<?[=!]/.test(reason)
          ? ' (backreferences and lookaround need a backtracking engine, which a hostile pattern could hang: rule regexes use RE2 syntax)'
          : ''
        error('invalid-regex', `Invalid regular expression: ${reason}${re2}`, location)
        return undefined
      }
      return { kind: 'RegexMatchNode', field, pattern: value.pattern, flags: value.flags, location }
    case 'cidr':
      return field === null ? needsField('`cidr`') : { kind: 'CidrMatchNode', field, cidr: value.cidr, location }
    case 'exists': {
      if (field === null) return needsField('`exists`')
      const node: Expression = { kind: 'ExistsNode', field, location }
      return value.value ? node : { kind: 'NotNode', child: node, location }
    }
    case 'fieldref':
      return field === null
        ? needsField('`fieldref`')
        : { kind: 'FieldRefNode', field, otherField: value.field, match: value.match, cased, location }
    case 'compare':
      return { kind: 'NumberMatchNode', field, op: value.op, value: value.value, location }
    case 'timepart':
      return field === null
        ? needsField(`\`${value.part}\``)
        : { kind: 'TimePartNode', field, part: value.part, value: value.value, location }
  }
}
