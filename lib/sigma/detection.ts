import type { ConditionNode } from './condition/ast'
import { parseCondition } from './condition/parse'
import { resolveItem, type ItemOptions } from './detection-item'
import type { Expression } from './nodes'
import type { Location } from './position'
import { isMap, isScalar, isSeq, isString, typeName, type Entry, type YamlNode, type YamlReader } from './yaml-nodes'

/** Keys of a detection (or a filter) that are not search identifiers. */
const RESERVED = new Set(['condition', 'timeframe'])

interface Identifier {
  readonly name: string
  readonly location: Location
  readonly expression: Expression | undefined
  used: boolean
}

/**
 * A `detection` (or `filter`) map as one expression: every search identifier
 * resolved, the condition parsed and substituted, a list of conditions ORed.
 * Returns undefined when the detection is unusable; problems go to the source.
 */
export function resolveDetection(
  reader: YamlReader,
  detection: YamlNode,
  location: Location,
  options: ItemOptions & { readonly ignore?: ReadonlySet<string> } = {},
): Expression | undefined {
  const { source } = reader
  if (!isMap(detection)) {
    source.error('invalid-detection', `Expected \`detection\` to be a map, found ${typeName(detection)}`, reader.location(detection, location))
    return undefined
  }
  const identifiers = new Map<string, Identifier>()
  let condition: Entry | undefined
  for (const entry of reader.entries(detection)) {
    if (options.ignore?.has(entry.key)) continue
    if (entry.key === 'condition') condition = entry
    else if (entry.key === 'timeframe') {
      source.warning('obsolete-timeframe', '`timeframe` is obsolete: use a correlation rule', entry.location)
    } else if (!RESERVED.has(entry.key)) {
      if (!/^[\w.-]+$/.test(entry.key)) {
        source.warning('identifier-name', `Search identifier \`${entry.key}\` has characters a condition cannot refer to`, entry.location)
      }
      identifiers.set(entry.key, { name: entry.key, location: entry.location, expression: resolveSearch(reader, entry, options), used: false })
    }
  }
  if (!condition) {
    source.error('missing-condition', 'Missing `condition` in the detection', reader.location(detection, location))
    return undefined
  }
  const conditionNodes = isSeq(condition.value) ? condition.value.items.map((i) => reader.resolve(i)) : [condition.value]
  const expressions: (Expression | undefined)[] = conditionNodes.map((node) => {
    if (!isString(node)) {
      source.error('invalid-condition', `Expected a condition string, found ${typeName(node)}`, reader.location(node, condition.location))
      return undefined
    }
    const base = reader.textOffset(node, node.value)
    const at = (start: number, end: number) => source.location(base + start, base + end)
    const parsed = parseCondition(node.value)
    for (const problem of parsed.problems) source.error(problem.code, problem.message, at(problem.start, problem.end))
    return parsed.ast && toExpression(parsed.ast, identifiers, at, source)
  })
  const parsed = expressions.length > 0 && expressions.every((e) => e !== undefined)
  for (const identifier of identifiers.values()) {
    if (!identifier.used && parsed) {
      source.warning('unused-identifier', `Search identifier \`${identifier.name}\` is not used in the condition`, identifier.location)
    }
  }
  if (!parsed) return undefined
  const all = expressions as Expression[]
  return all.length === 1 ? all[0]! : { kind: 'OrNode', children: all, location: condition.location }
}

/** A search identifier's value: a map (ANDed), a list of maps (ORed) or a list of keywords (ORed). */
function resolveSearch(reader: YamlReader, entry: Entry, options: ItemOptions): Expression | undefined {
  const { source } = reader
  const value = entry.value
  if (isMap(value)) return resolveMap(reader, value, entry.location, options)
  if (isSeq(value)) {
    const items = value.items.map((item) => reader.resolve(item))
    if (items.length === 0) {
      source.error('empty-search', `Search identifier \`${entry.key}\` is empty`, entry.location)
      return undefined
    }
    const keywords = items.filter((item) => !isMap(item))
    const children: (Expression | undefined)[] = items.filter(isMap).map((map) => resolveMap(reader, map, reader.location(map), options))
    if (keywords.length) {
      children.unshift(resolveItem(reader, { key: '', keyNode: null, value, location: entry.location }, options, keywords))
    }
    if (children.some((c) => c === undefined)) return undefined
    return children.length === 1 ? children[0] : { kind: 'OrNode', children: children as Expression[], location: entry.location }
  }
  if (isScalar(value) && value.value !== null) {
    return resolveItem(reader, { key: '', keyNode: null, value, location: entry.location }, options)
  }
  source.error('empty-search', `Search identifier \`${entry.key}\` is empty`, entry.location)
  return undefined
}

function resolveMap(reader: YamlReader, map: YamlNode & object, location: Location, options: ItemOptions): Expression | undefined {
  if (!isMap(map)) return undefined
  const entries = reader.entries(map)
  if (entries.length === 0) {
    reader.source.error('empty-search', 'Empty map of fields in a search identifier', location)
    return undefined
  }
  const children = entries.map((entry) => resolveItem(reader, entry, options))
  if (children.some((c) => c === undefined)) return undefined
  return children.length === 1 ? children[0] : { kind: 'AndNode', children: children as Expression[], location }
}

/** Matches a `1 of` / `all of` pattern: `*` is any run of characters, the rest literal, whole name. */
export function patternMatcher(pattern: string): (name: string) => boolean {
  if (pattern === 'them') return (name) => !name.startsWith('_')
  const regex = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$')
  const underscore = pattern.startsWith('_')
  return (name) => regex.test(name) && (underscore || !name.startsWith('_'))
}

function toExpression(
  node: ConditionNode,
  identifiers: Map<string, Identifier>,
  at: (start: number, end: number) => Location,
  source: YamlReader['source'],
): Expression | undefined {
  const location = at(node.start, node.end)
  switch (node.kind) {
    case 'identifier': {
      const identifier = identifiers.get(node.name)
      if (!identifier) {
        source.error('unknown-identifier', `Unknown search identifier \`${node.name}\` in the condition`, location)
        return undefined
      }
      identifier.used = true
      return identifier.expression
    }
    case 'of': {
      const matches = patternMatcher(node.target)
      const found = [...identifiers.values()].filter((identifier) => matches(identifier.name))
      if (found.length === 0) {
        const what = node.target === 'them' ? 'any search identifier' : 'any search identifier not starting with `_`'
        source.error('unknown-identifier', `\`${node.quantifier} of ${node.target}\` does not match ${what}`, location)
        return undefined
      }
      for (const identifier of found) identifier.used = true
      if (found.some((identifier) => identifier.expression === undefined)) return undefined
      const children = found.map((identifier) => identifier.expression!)
      if (children.length === 1) return children[0]
      return { kind: node.quantifier === 'all' ? 'AndNode' : 'OrNode', children, location }
    }
    case 'not': {
      const child = toExpression(node.child, identifiers, at, source)
      return child && { kind: 'NotNode', child, location }
    }
    case 'and':
    case 'or': {
      const children = node.children.map((c) => toExpression(c, identifiers, at, source))
      if (children.some((c) => c === undefined)) return undefined
      return { kind: node.kind === 'and' ? 'AndNode' : 'OrNode', children: children as Expression[], location }
    }
  }
}
