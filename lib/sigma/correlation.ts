import type { Location } from './position'
import type { CompareOp, CorrelationCondition, CorrelationType, RuleMeta, SigmaCorrelation } from './rule'
import { isMap, isScalar, isSeq, typeName, type Entry, type YamlReader } from './yaml-nodes'

export const CORRELATION_TYPES: readonly CorrelationType[] = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
]

const COMPARE_OPS: readonly CompareOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq']
const TIMESPAN = /^(\d+)(s|m|h|d)$/
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const

/** `90s`, `5m`, `1h`, `2d` in seconds, or undefined. */
export function parseTimespan(text: string): number | undefined {
  const match = TIMESPAN.exec(text)
  return match ? Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS] : undefined
}

/** The `correlation:` block of a correlation rule. */
export function readCorrelation(reader: YamlReader, meta: RuleMeta, entry: Entry, generateEntry: Entry | undefined): SigmaCorrelation | undefined {
  const { source } = reader
  if (!isMap(entry.value)) {
    source.error('invalid-correlation', `Expected \`correlation\` to be a map, found ${typeName(entry.value)}`, reader.location(entry.value, entry.location))
    return undefined
  }
  const fields = new Map(reader.entries(entry.value).map((e) => [e.key, e]))
  const locationOf = (key: string): Location => {
    const e = fields.get(key)
    return e ? reader.location(e.value, e.location) : entry.location
  }
  const text = (key: string): string | undefined => {
    const e = fields.get(key)
    if (!e) {
      source.error(`missing-correlation-${key}`, `Missing required \`correlation.${key}\``, entry.location)
      return undefined
    }
    if (isScalar(e.value) && typeof e.value.value === 'string') return e.value.value
    source.error('invalid-type', `Expected \`correlation.${key}\` to be a string, found ${typeName(e.value)}`, locationOf(key))
    return undefined
  }
  const list = (key: string, required: boolean): string[] => {
    const e = fields.get(key)
    if (!e) {
      if (required) source.error(`missing-correlation-${key}`, `Missing required \`correlation.${key}\``, entry.location)
      return []
    }
    if (isScalar(e.value) && typeof e.value.value === 'string') return [e.value.value]
    if (!isSeq(e.value)) {
      source.error('invalid-type', `Expected \`correlation.${key}\` to be a list of strings, found ${typeName(e.value)}`, locationOf(key))
      return []
    }
    return e.value.items.flatMap((item) => {
      const node = reader.resolve(item)
      if (isScalar(node) && typeof node.value === 'string') return [node.value]
      source.error('invalid-type', `Expected each item of \`correlation.${key}\` to be a string, found ${typeName(node)}`, reader.location(node, locationOf(key)))
      return []
    })
  }

  const type = text('type')
  if (type !== undefined && !(CORRELATION_TYPES as readonly string[]).includes(type)) {
    source.error('invalid-correlation-type', `Unknown correlation type \`${type}\`, expected one of ${CORRELATION_TYPES.map((t) => `\`${t}\``).join(', ')}`, locationOf('type'))
  }
  const rules = list('rules', true)
  if (fields.has('rules') && rules.length === 0) source.error('empty-correlation-rules', '`correlation.rules` is empty', locationOf('rules'))
  const groupBy = list('group-by', true)
  const timespanText = text('timespan')
  const seconds = timespanText === undefined ? undefined : parseTimespan(timespanText)
  if (timespanText !== undefined && seconds === undefined) {
    source.error('invalid-timespan', `Invalid timespan \`${timespanText}\`, expected a number and s, m, h or d such as \`5m\``, locationOf('timespan'))
  }
  const correlationType = type as CorrelationType
  const condition = readCondition(reader, fields.get('condition'), correlationType, entry.location)
  const aliases = readAliases(reader, fields.get('aliases'))

  const generateNode = (fields.get('generate') ?? generateEntry)?.value
  let generate = false
  if (generateNode !== undefined) {
    if (isScalar(generateNode) && typeof generateNode.value === 'boolean') generate = generateNode.value
    else source.error('invalid-type', `Expected \`generate\` to be a boolean, found ${typeName(generateNode)}`, reader.location(generateNode, entry.location))
  }
  if (type === undefined || !(CORRELATION_TYPES as readonly string[]).includes(type)) return undefined
  return {
    ...meta,
    type: 'correlation',
    correlationType,
    rules,
    groupBy,
    timespan: { text: timespanText ?? '', seconds: seconds ?? 0 },
    condition,
    aliases,
    generate,
  }
}

function readCondition(reader: YamlReader, entry: Entry | undefined, type: CorrelationType, location: Location): CorrelationCondition | undefined {
  const { source } = reader
  const temporal = type === 'temporal' || type === 'temporal_ordered'
  if (!entry) {
    if (!temporal && type !== undefined) source.error('missing-correlation-condition', `Missing required \`correlation.condition\` for \`${type}\``, location)
    return undefined
  }
  if (!isMap(entry.value)) {
    source.error('invalid-correlation-condition', `Expected \`correlation.condition\` to be a map, found ${typeName(entry.value)}`, reader.location(entry.value, entry.location))
    return undefined
  }
  const comparisons: { op: CompareOp; value: number }[] = []
  let field: string | undefined
  let percentile: number | undefined
  for (const item of reader.entries(entry.value)) {
    const value = isScalar(item.value) ? item.value.value : undefined
    const where = reader.location(item.value, item.location)
    if (item.key === 'field') {
      if (typeof value === 'string') field = value
      else if (isSeq(item.value)) field = item.value.items.map((i) => String(reader.resolve(i)?.toJSON())).join(',')
      else source.error('invalid-type', `Expected \`condition.field\` to be a string, found ${typeName(item.value)}`, where)
    } else if (item.key === 'percentile') {
      if (typeof value === 'number') percentile = value
      else source.error('invalid-type', `Expected \`condition.percentile\` to be a number, found ${typeName(item.value)}`, where)
    } else if ((COMPARE_OPS as readonly string[]).includes(item.key)) {
      if (typeof value === 'number') comparisons.push({ op: item.key as CompareOp, value })
      else source.error('invalid-type', `Expected \`condition.${item.key}\` to be a number, found ${typeName(item.value)}`, where)
    } else {
      source.error('invalid-correlation-condition', `Unknown condition operator \`${item.key}\`, expected one of ${COMPARE_OPS.map((o) => `\`${o}\``).join(', ')}`, item.location)
    }
  }
  if (comparisons.length === 0) source.error('invalid-correlation-condition', 'The correlation condition needs a comparison such as `gte: 10`', entry.location)
  const needsField = type === 'value_count' || type === 'value_sum' || type === 'value_avg' || type === 'value_percentile'
  if (needsField && field === undefined) source.error('missing-condition-field', `A \`${type}\` condition needs \`field\``, entry.location)
  return { field, comparisons, percentile }
}

function readAliases(reader: YamlReader, entry: Entry | undefined): SigmaCorrelation['aliases'] {
  if (!entry) return {}
  const { source } = reader
  if (!isMap(entry.value)) {
    source.error('invalid-aliases', `Expected \`correlation.aliases\` to be a map, found ${typeName(entry.value)}`, reader.location(entry.value, entry.location))
    return {}
  }
  const aliases: Record<string, Record<string, string>> = {}
  for (const alias of reader.entries(entry.value)) {
    if (!isMap(alias.value)) {
      source.error('invalid-aliases', `Expected alias \`${alias.key}\` to map rule names to fields, found ${typeName(alias.value)}`, alias.location)
      continue
    }
    const mapping: Record<string, string> = {}
    for (const rule of reader.entries(alias.value)) {
      if (isScalar(rule.value) && typeof rule.value.value === 'string') mapping[rule.key] = rule.value.value
      else source.error('invalid-aliases', `Expected the field of \`${rule.key}\` in alias \`${alias.key}\` to be a string`, rule.location)
    }
    aliases[alias.key] = mapping
  }
  return aliases
}

/** Whether a comparison list holds for a number (all comparisons ANDed). */
export function compareAll(value: number, comparisons: CorrelationCondition['comparisons']): boolean {
  return comparisons.every(({ op, value: limit }) => {
    switch (op) {
      case 'gt':
        return value > limit
      case 'gte':
        return value >= limit
      case 'lt':
        return value < limit
      case 'lte':
        return value <= limit
      case 'eq':
        return value === limit
      case 'neq':
        return value !== limit
    }
  })
}
