import type { Location } from './position'
import type { LogSource, RuleLevel, RuleMeta, RuleStatus } from './rule'
import { checkTag } from './tags'
import { isMap, isScalar, isSeq, isString, typeName, type Entry, type YamlNode, type YamlReader } from './yaml-nodes'

export const STATUSES: readonly RuleStatus[] = ['stable', 'test', 'experimental', 'deprecated', 'unsupported']
export const LEVELS: readonly RuleLevel[] = ['informational', 'low', 'medium', 'high', 'critical']
export const RELATION_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'] as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Top-level keys every kind of document may have. */
const META_KEYS = new Set([
  'title', 'id', 'name', 'related', 'taxonomy', 'status', 'description', 'license', 'author',
  'references', 'date', 'modified', 'tags', 'falsepositives', 'level', 'fields', 'scope',
])

export type DocumentKind = 'rule' | 'correlation' | 'filter'

/** Keys defined by the specification for each kind, besides META_KEYS. */
export const KIND_KEYS: Readonly<Record<DocumentKind, ReadonlySet<string>>> = {
  rule: new Set(['logsource', 'detection']),
  correlation: new Set(['correlation', 'generate']),
  filter: new Set(['logsource', 'filter']),
}

export interface MetaInput {
  readonly reader: YamlReader
  readonly entries: readonly Entry[]
  readonly kind: DocumentKind
  readonly location: Location
  readonly source: string
}

export function isUuid(text: string): boolean {
  return UUID.test(text)
}

/** Read and validate the metadata of one document; problems go to the reader's source. */
export function readMeta({ reader, entries, kind, location, source }: MetaInput): RuleMeta {
  const diagnostics = reader.source
  const byKey = new Map(entries.map((e) => [e.key, e]))
  const at = (entry: Entry) => reader.location(entry.value, entry.location)

  const string = (key: string, required = false): string | undefined => {
    const entry = byKey.get(key)
    if (!entry) {
      if (required) diagnostics.error(`missing-${key}`, `Missing required \`${key}\``, location)
      return undefined
    }
    if (isScalar(entry.value) && (typeof entry.value.value === 'string' || typeof entry.value.value === 'number')) {
      return String(entry.value.value)
    }
    diagnostics.error('invalid-type', `Expected \`${key}\` to be a string, found ${typeName(entry.value)}`, at(entry))
    return undefined
  }

  const strings = (key: string): string[] => {
    const entry = byKey.get(key)
    if (!entry) return []
    if (isString(entry.value)) {
      diagnostics.warning('string-not-list', `Expected \`${key}\` to be a list of strings, found a single string`, at(entry))
      return [entry.value.value]
    }
    if (!isSeq(entry.value)) {
      diagnostics.error('invalid-type', `Expected \`${key}\` to be a list of strings, found ${typeName(entry.value)}`, at(entry))
      return []
    }
    const out: string[] = []
    for (const item of entry.value.items) {
      const node = reader.resolve(item)
      if (isScalar(node) && node.value !== null && typeof node.value !== 'object') out.push(String(node.value))
      else diagnostics.error('invalid-type', `Expected each item of \`${key}\` to be a string, found ${typeName(node)}`, reader.location(node, at(entry)))
    }
    return out
  }

  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const value = string(key)
    if (value === undefined) return undefined
    if ((allowed as readonly string[]).includes(value)) return value as T
    diagnostics.error(`invalid-${key}`, `Invalid ${key} \`${value}\`, expected one of ${allowed.map((a) => `\`${a}\``).join(', ')}`, at(byKey.get(key)!))
    return undefined
  }

  const date = (key: string): string | undefined => {
    const value = string(key)
    if (value === undefined) return undefined
    const match = DATE.exec(value)
    const valid = match && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))
    if (!valid) diagnostics.error(`invalid-date`, `Invalid ${key} \`${value}\`, expected a date as YYYY-MM-DD`, at(byKey.get(key)!))
    return value
  }

  const title = string('title', true) ?? ''
  if (title.length > 256) diagnostics.error('title-too-long', `Title is ${title.length} characters long, at most 256 are allowed`, at(byKey.get('title')!))
  const id = string('id')
  if (id !== undefined && !isUuid(id)) diagnostics.error('invalid-id', `Invalid id \`${id}\`, expected a UUID`, at(byKey.get('id')!))

  const tags = strings('tags')
  const tagEntry = byKey.get('tags')
  if (tagEntry && isSeq(tagEntry.value)) {
    const seen = new Set<string>()
    tagEntry.value.items.forEach((item, index) => {
      const tag = tags[index]
      if (tag === undefined) return
      const message = checkTag(tag)
      if (message) diagnostics.error('invalid-tag', message, reader.location(item, at(tagEntry)))
      if (seen.has(tag)) diagnostics.error('duplicate-tag', `Tag \`${tag}\` is listed twice`, reader.location(item, at(tagEntry)))
      seen.add(tag)
    })
  }

  const custom: Record<string, unknown> = {}
  for (const entry of entries) {
    if (!META_KEYS.has(entry.key) && !KIND_KEYS[kind].has(entry.key) && entry.key !== 'action') {
      custom[entry.key] = entry.value?.toJSON() ?? null
    }
  }

  return {
    location,
    source,
    id,
    idLocation: byKey.has('id') ? at(byKey.get('id')!) : undefined,
    name: string('name'),
    title,
    status: oneOf('status', STATUSES),
    level: oneOf('level', LEVELS),
    description: string('description'),
    author: string('author'),
    date: date('date'),
    modified: date('modified'),
    license: string('license'),
    references: strings('references'),
    tags,
    falsepositives: strings('falsepositives'),
    fields: strings('fields'),
    related: readRelated(reader, byKey.get('related')),
    custom,
  }
}

function readRelated(reader: YamlReader, entry: Entry | undefined): RuleMeta['related'] {
  if (!entry) return []
  const { source } = reader
  if (!isSeq(entry.value)) {
    source.error('invalid-type', `Expected \`related\` to be a list, found ${typeName(entry.value)}`, reader.location(entry.value, entry.location))
    return []
  }
  const related: { id: string; type: string }[] = []
  for (const item of entry.value.items) {
    const node = reader.resolve(item)
    const location = reader.location(node, entry.location)
    if (!isMap(node)) {
      source.error('invalid-type', `Expected each item of \`related\` to be a map with \`id\` and \`type\`, found ${typeName(node)}`, location)
      continue
    }
    const id = node.get('id')
    const type = node.get('type')
    if (typeof id !== 'string' || !isUuid(id)) source.error('invalid-id', `Invalid related id \`${String(id)}\`, expected a UUID`, location)
    if (typeof type !== 'string' || !(RELATION_TYPES as readonly string[]).includes(type)) {
      source.error('invalid-related-type', `Invalid related type \`${String(type)}\`, expected one of ${RELATION_TYPES.map((t) => `\`${t}\``).join(', ')}`, location)
    }
    related.push({ id: String(id), type: String(type) })
  }
  return related
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const LOGSOURCE_KEYS = ['category', 'product', 'service', 'definition'] as const

/** `logsource`: a map of category, product, service and definition strings. */
export function readLogSource(reader: YamlReader, entry: Entry | undefined, location: Location): LogSource {
  const { source } = reader
  if (!entry) {
    source.error('missing-logsource', 'Missing required `logsource`', location)
    return {}
  }
  const node: YamlNode = entry.value
  if (!isMap(node)) {
    source.error('invalid-logsource', `Expected \`logsource\` to be a map, found ${typeName(node)}`, reader.location(node, entry.location))
    return {}
  }
  const logsource: Record<string, string> = {}
  for (const item of reader.entries(node)) {
    if (!(LOGSOURCE_KEYS as readonly string[]).includes(item.key)) continue
    if (isScalar(item.value) && typeof item.value.value === 'string') {
      logsource[item.key] = item.value.value
      if (item.key !== 'definition' && !/^[a-z0-9_.-]+$/.test(item.value.value)) {
        source.error('invalid-logsource', `Invalid \`logsource.${item.key}\` \`${item.value.value}\`: lowercase letters, digits, \`_\`, \`.\` and \`-\` only`, reader.location(item.value, item.location))
      }
    } else source.error('invalid-logsource', `Expected \`logsource.${item.key}\` to be a string, found ${typeName(item.value)}`, reader.location(item.value, item.location))
  }
  if (!logsource.category && !logsource.product && !logsource.service) {
    source.warning('empty-logsource', '`logsource` has none of `category`, `product` or `service`: no converter can select its data', reader.location(node, entry.location))
  }
  return logsource
}
