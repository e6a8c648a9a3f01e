import { CORRELATION_TYPES } from '../sigma/correlation'
import type { Random } from '../sigma/testing/random'
import { cidr, numberValue, regexPattern, sigmaString, type StringShape } from './values'
import { raw, writeYaml, type YamlMap, type YamlValue } from './yaml-text'

/**
 * Random valid Sigma files as YAML text: detection rules using every modifier
 * and legal chain, nested conditions, keyword selections, null and empty
 * values, numbers and booleans, lists of maps and hostile strings;
 * correlations of every type with their base rules in one multi-document
 * file; filters with the rules they name; legacy `action: global` files.
 */
export interface GeneratedFile {
  readonly text: string
  /** What the file holds, for the report (`rule`, `correlation`, `filter`, `global`). */
  readonly shape: string
}

/** Placeholder values passed to `parseSigma` for rules using `expand`. */
export const PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = {
  admins: ['admin', 'root*', 'svc\\_x'],
  paths: ['C:\\Temp\\*', '/tmp/?x'],
}

const FIELDS = [
  'Image', 'CommandLine', 'ParentImage', 'ParentCommandLine', 'User', 'TargetFilename', 'DestinationIp', 'SourceIp',
  'DestinationPort', 'EventID', 'Hashes', 'OriginalFileName', 'TargetObject', 'Details', 'ScriptBlockText', 'QueryName',
  'a.b.c', 'Some-Field', 'Ünïcode', 'with space', 'x', 'AND', 'not', 'Field:Colon', 'quote"d', "apos'd", 'back\\slash',
]
const DATE_FIELDS = ['UtcTime', '@timestamp', 'EventTime']
const NAMES = [
  'selection', 'selection_img', 'selection_cli', 'sel2', 'filter_main', 'filter_optional_a', 'keywords', '_aux', '_hidden_b',
  'notes', 'oracle', 'andromeda', 'them_all', 'susp1',
]
const LOGSOURCES: readonly YamlMap[] = [
  new Map([['product', 'windows'], ['category', 'process_creation']]),
  new Map([['product', 'windows'], ['category', 'network_connection']]),
  new Map([['product', 'windows'], ['service', 'security']]),
  new Map([['product', 'windows'], ['category', 'registry_set']]),
  new Map([['product', 'linux'], ['service', 'auditd']]),
  new Map([['product', 'aws'], ['service', 'cloudtrail']]),
  new Map([['category', 'webserver']]),
  new Map([['product', 'zeek'], ['service', 'dns'], ['definition', 'a "hostile" <b>definition</b>']]),
]

export function generateFile(random: Random): GeneratedFile {
  const roll = random.next()
  if (roll < 0.72) return { text: writeYaml(ruleDocument(random, {}), random), shape: 'rule' }
  if (roll < 0.9) return correlationFile(random)
  if (roll < 0.97) return filterFile(random)
  return globalFile(random)
}

interface RuleOptions {
  readonly id?: string
  readonly name?: string
  readonly logsource?: YamlMap
  /** Fields every event of the rule should carry (group-by fields of a correlation). */
  readonly fields?: readonly string[]
}

export function uuid(random: Random): string {
  const hex = (n: number) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join('')
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${random.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`
}

function text(random: Random, max = 4): string {
  return sigmaString(random, { wildcards: true, ascii: false, newlines: false }, max).trim() || 'x'
}

function ruleDocument(random: Random, options: RuleOptions): Map<string, YamlValue> {
  const doc = new Map<string, YamlValue>()
  doc.set('title', random.chance(0.2) ? '<script>alert(1)</script> ' + text(random) : text(random))
  if (options.id || random.chance(0.85)) doc.set('id', options.id ?? uuid(random))
  if (options.name) doc.set('name', options.name)
  meta(doc, random)
  doc.set('logsource', options.logsource ?? random.pick(LOGSOURCES))
  doc.set('detection', detection(random))
  if (random.chance(0.2)) doc.set('fields', pickSome(random, FIELDS, 1, 3))
  return reorder(doc, random)
}

function meta(doc: Map<string, YamlValue>, random: Random): void {
  if (random.chance(0.8)) doc.set('status', random.pick(['stable', 'test', 'experimental', 'deprecated', 'unsupported']))
  if (random.chance(0.6)) doc.set('description', random.chance(0.3) ? 'Line one\nline <img src=x onerror=alert(1)> two' : text(random, 8))
  if (random.chance(0.5)) doc.set('author', text(random))
  if (random.chance(0.6)) doc.set('date', `20${random.int(10, 26)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`)
  if (random.chance(0.3)) doc.set('modified', raw(`'2025-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}'`))
  if (random.chance(0.6)) {
    doc.set('tags', pickSome(random, [
      'attack.execution', 'attack.t1059.001', 'attack.defense-evasion', 'attack.defense_evasion', 'attack.g0016', 'attack.s0002',
      'car.2016-04-005', 'cve.2021-44228', 'detection.threat-hunting', 'tlp.white', 'attack.stealth',
    ], 1, 4))
  }
  if (random.chance(0.4)) doc.set('references', pickSome(random, ['https://example.org/a?b=c&d', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'http://x/"quote"'], 1, 3))
  if (random.chance(0.4)) doc.set('falsepositives', [text(random), 'Unknown'])
  if (random.chance(0.7)) doc.set('level', random.pick(['informational', 'low', 'medium', 'high', 'critical']))
  if (random.chance(0.1)) doc.set('license', 'DRL-1.1')
  if (random.chance(0.1)) doc.set('x_custom', new Map<string, YamlValue>([['k', text(random)], ['n', 3]]))
  if (random.chance(0.05)) doc.set('related', [new Map<string, YamlValue>([['id', uuid(random)], ['type', random.pick(['derived', 'obsolete', 'merged', 'renamed', 'similar'])]])])
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The keys in a random order that keeps `title` first most of the time, as real rules do. */
function reorder(doc: Map<string, YamlValue>, random: Random): Map<string, YamlValue> {
  if (random.chance(0.8)) return doc
  const entries = [...doc]
  for (let i = entries.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[entries[i], entries[j]] = [entries[j]!, entries[i]!]
  }
  return new Map(entries)
}

function pickSome<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const count = random.int(min, Math.min(max, items.length))
  const pool = [...items]
  const out: T[] = []
  for (let i = 0; i < count; i++) out.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!)
  return out
}

// ---------------------------------------------------------------- detection

function detection(random: Random, extraIgnored: readonly [string, YamlValue][] = []): Map<string, YamlValue> {
  const names = pickSome(random, NAMES.filter((n) => !n.startsWith('_')), 1, 4)
  if (random.chance(0.3)) names.push(random.pick(['_aux', '_hidden_b']))
  const det = new Map<string, YamlValue>(extraIgnored)
  for (const name of names) det.set(name, searchIdentifier(random, name))
  const conditions = random.chance(0.1) ? [condition(random, names), condition(random, names)] : condition(random, names)
  det.set('condition', conditions)
  return det
}

function searchIdentifier(random: Random, name: string): YamlValue {
  const roll = random.next()
  if (name === 'keywords' || roll < 0.12) return keywords(random)
  if (roll < 0.25) return Array.from({ length: random.int(2, 3) }, () => selectionMap(random))
  return selectionMap(random)
}

function keywords(random: Random): YamlValue {
  const values = (numbers = true): YamlValue[] =>
    Array.from({ length: random.int(1, 4) }, () =>
      numbers && random.chance(0.1) ? numberValue(random) : sigmaString(random, { wildcards: true, ascii: false, newlines: true }, 3),
    )
  const roll = random.next()
  if (roll < 0.2) return new Map<string, YamlValue>([['|all', [...values(), text(random)]]])
  if (roll < 0.27) return new Map<string, YamlValue>([[random.pick(['|contains', '|startswith', '|endswith', '|cased', '|windash']), values(false)]])
  if (roll < 0.32) return new Map<string, YamlValue>([['|re', [regexPattern(random)]]])
  if (roll < 0.36) return random.chance(0.5) ? text(random) : numberValue(random)
  return values()
}

function selectionMap(random: Random): Map<string, YamlValue> {
  const map = new Map<string, YamlValue>()
  const count = random.int(1, 4)
  for (let i = 0; i < count; i++) {
    const [key, value] = detectionItem(random)
    if (!map.has(key)) map.set(key, value)
  }
  return map
}

type Item = [key: string, value: YamlValue]

const ITEM_KINDS: readonly [number, (random: Random, field: string) => Item][] = [
  [30, stringItem],
  [8, regexItem],
  [5, cidrItem],
  [4, existsItem],
  [5, fieldrefItem],
  [6, compareItem],
  [4, timePartItem],
  [8, scalarItem],
  [3, expandItem],
]

export function detectionItem(random: Random): Item {
  const total = ITEM_KINDS.reduce((n, [w]) => n + w, 0)
  let roll = random.next() * total
  for (const [weight, make] of ITEM_KINDS) {
    roll -= weight
    if (roll < 0) return make(random, random.pick(FIELDS))
  }
  return stringItem(random, 'Image')
}

/** Options spliced into a chain at random places after its type modifier: `all` (lists only), `cased`, `neq`. */
function withOptions(random: Random, chain: string[], options: { list: boolean; cased: boolean; neq: boolean }): string[] {
  const out = [...chain]
  const insert = (name: string) => out.splice(random.int(out[0] === 're' || out[0] === 'cidr' ? 1 : 0, out.length), 0, name)
  if (options.list && random.chance(0.35)) insert('all')
  if (options.cased && random.chance(0.15)) insert('cased')
  if (options.neq && random.chance(0.1)) insert('neq')
  return out
}

const key = (field: string, chain: readonly string[]) => [field, ...chain].join('|')

function valueList<T extends YamlValue>(random: Random, make: () => T, forceList = false): T | T[] {
  if (!forceList && random.chance(0.5)) return make()
  return Array.from({ length: random.int(forceList ? 2 : 1, 4) }, make)
}

function stringItem(random: Random, field: string): Item {
  const chain: string[] = []
  const encoding = random.chance(0.12) ? random.pick(['wide', 'utf16le', 'utf16be', 'utf16']) : undefined
  // windash makes non-ASCII dashes, which the UTF-16 modifiers refuse.
  if (!encoding && random.chance(0.1)) chain.push('windash')
  if (encoding) chain.push(encoding)
  const base64 = random.chance(encoding ? 0.8 : 0.12) ? random.pick(['base64', 'base64offset']) : undefined
  if (base64) chain.push(base64)
  if (random.chance(0.6)) chain.push(random.pick(['contains', 'startswith', 'endswith']))
  const shape: StringShape = { wildcards: !base64, ascii: !!encoding, newlines: true }
  const values = valueList(random, () => sigmaString(random, shape), false)
  const list = Array.isArray(values) && values.length > 1
  return [key(field, withOptions(random, chain, { list, cased: true, neq: true })), values]
}

function regexItem(random: Random, field: string): Item {
  const flags = pickSome(random, ['i', 'm', 's', 'ignorecase', 'multiline', 'dotall'], 0, 2)
  const chain = ['re', ...flags]
  if (random.chance(0.1)) chain.push(random.pick(['contains', 'startswith', 'endswith']))
  const values = valueList(random, () => regexPattern(random))
  return [key(field, withOptions(random, chain, { list: Array.isArray(values) && values.length > 1, cased: false, neq: true })), values]
}

function cidrItem(random: Random, field: string): Item {
  const values = valueList(random, () => cidr(random))
  return [key(field, withOptions(random, ['cidr'], { list: Array.isArray(values) && values.length > 1, cased: false, neq: true })), values]
}

function existsItem(random: Random, field: string): Item {
  return [key(field, ['exists']), random.chance(0.5)]
}

function fieldrefItem(random: Random, field: string): Item {
  const chain = ['fieldref']
  if (random.chance(0.3)) chain.push(random.pick(['contains', 'startswith', 'endswith']))
  const values = valueList(random, () => random.pick(FIELDS.filter((f) => f !== field && !/[*?]/.test(f))))
  return [key(field, withOptions(random, chain, { list: Array.isArray(values) && values.length > 1, cased: true, neq: true })), values]
}

function compareItem(random: Random, field: string): Item {
  const values = valueList(random, () => numberValue(random))
  const chain = [random.pick(['lt', 'lte', 'gt', 'gte'])]
  return [key(field, withOptions(random, chain, { list: Array.isArray(values) && values.length > 1, cased: false, neq: true })), values]
}

const TIME_PARTS: Readonly<Record<string, readonly [number, number]>> = {
  minute: [0, 59], hour: [0, 23], day: [1, 31], week: [1, 53], month: [1, 12], year: [2019, 2027],
}

function timePartItem(random: Random): Item {
  const part = random.pick(Object.keys(TIME_PARTS))
  const [low, high] = TIME_PARTS[part]!
  const values = valueList(random, () => random.int(low, high))
  return [key(random.pick(DATE_FIELDS), withOptions(random, [part], { list: Array.isArray(values) && values.length > 1, cased: false, neq: true })), values]
}

/** Numbers, booleans, `null` and `''`, alone or in lists, as field values with no modifier or `neq`. */
function scalarItem(random: Random, field: string): Item {
  const one = (): YamlValue =>
    random.pick<() => YamlValue>([
      () => numberValue(random),
      () => random.chance(0.5),
      () => null,
      () => '',
      () => raw(random.pick(['00429', '0x1F', '+12', '1_000', '1e3', '.5', "''", '""', 'yes', 'No', '~'])),
      () => String(numberValue(random)),
    ])()
  const roll = random.next()
  if (roll < 0.6) return [field + (random.chance(0.1) ? '|neq' : ''), one()]
  return [field, [one(), one(), ...(random.chance(0.5) ? [text(random)] : [])]]
}

function expandItem(random: Random, field: string): Item {
  const chain = ['expand']
  if (random.chance(0.5)) chain.push(random.pick(['contains', 'startswith', 'endswith']))
  const name = random.pick(Object.keys(PLACEHOLDERS))
  const value = random.pick([`%${name}%`, `*\\%${name}%\\*`, `pre-%${name}%`, `%${name}%\\x`])
  return [key(field, random.chance(0.5) ? chain : chain.reverse()), value]
}

// ---------------------------------------------------------------- conditions

type Cond =
  | { readonly t: 'id'; readonly name: string }
  | { readonly t: 'of'; readonly q: string; readonly of: string }
  | { readonly t: 'not'; readonly c: Cond }
  | { readonly t: 'and' | 'or'; readonly cs: readonly Cond[] }

const PRECEDENCE = { or: 1, and: 2, not: 3, of: 4, id: 4 } as const

/** A condition over `names` (each used once at least, mostly), with minimal or redundant parentheses. */
export function condition(random: Random, names: readonly string[]): string {
  const leaves: Cond[] = names.map((name) => ({ t: 'id', name }))
  if (random.chance(0.35)) leaves.push(quantified(random, names))
  if (random.chance(0.15)) leaves.splice(random.int(0, leaves.length - 1), 1, quantified(random, names))
  let nodes = leaves.map((leaf) => (random.chance(0.25) ? { t: 'not' as const, c: leaf } : leaf))
  while (nodes.length > 1) {
    const count = random.int(2, Math.min(3, nodes.length))
    const at = random.int(0, nodes.length - count)
    const group: Cond = { t: random.chance(0.55) ? 'and' : 'or', cs: nodes.slice(at, at + count) }
    nodes = [...nodes.slice(0, at), random.chance(0.1) ? { t: 'not', c: group } : group, ...nodes.slice(at + count)]
  }
  return emit(nodes[0]!, 0, random)
}

function quantified(random: Random, names: readonly string[]): Cond {
  const q = random.pick(['1', 'all', 'any'])
  const visible = names.filter((n) => !n.startsWith('_'))
  if (random.chance(0.3) && visible.length > 0) return { t: 'of', q, of: 'them' }
  const name = random.pick(names)
  const cut = random.int(1, name.length)
  return { t: 'of', q, of: name.slice(0, cut) + '*' }
}

function emit(node: Cond, parent: number, random: Random): string {
  const prec = PRECEDENCE[node.t]
  let out: string
  switch (node.t) {
    case 'id':
      out = node.name
      break
    case 'of':
      out = `${node.q} of ${node.of}`
      break
    case 'not':
      out = 'not ' + emit(node.c, PRECEDENCE.not, random)
      break
    default:
      out = node.cs.map((c) => emit(c, prec, random)).join(` ${node.t} `)
  }
  const space = () => (random.chance(0.1) ? '  ' : '')
  return prec < parent || random.chance(0.08) ? `(${space()}${out}${space()})` : out
}

// ---------------------------------------------------------------- multi-document files

function correlationFile(random: Random): GeneratedFile {
  const type = random.pick(CORRELATION_TYPES)
  const logsource = random.pick(LOGSOURCES)
  const groupBy = pickSome(random, ['User', 'Computer', 'SourceIp', 'host.name', 'with space'], 0, 2)
  const count = type.startsWith('temporal') ? random.int(2, 3) : random.int(1, 2)
  const bases = Array.from({ length: count }, (_, i) => ({ id: uuid(random), name: `base_rule_${i}${random.chance(0.2) ? '-x.y' : ''}` }))
  const docs = bases.map((b) => ruleDocument(random, { ...b, logsource: random.chance(0.8) ? logsource : undefined }))
  const correlation = new Map<string, YamlValue>([
    ['type', type],
    ['rules', bases.map((b) => (random.chance(0.5) ? b.id : b.name))],
  ])
  correlation.set('group-by', groupBy.length > 0 || random.chance(0.2) ? groupBy : ['User'])
  correlation.set('timespan', `${random.int(1, 120)}${random.pick(['s', 'm', 'h', 'd'])}`)
  if (!type.startsWith('temporal') || random.chance(0.3)) correlation.set('condition', correlationCondition(random, type))
  if (type.startsWith('temporal') && groupBy.length > 0 && random.chance(0.4)) {
    const alias = groupBy[0]!
    correlation.set('aliases', new Map([[alias, new Map(bases.map((b) => [b.name, random.pick(['User', 'TargetUserName', 'SubjectUserName'])] as [string, YamlValue]))]]))
  }
  if (random.chance(0.3)) correlation.set('generate', random.chance(0.5))
  const head = new Map<string, YamlValue>([['title', text(random)], ['id', uuid(random)]])
  if (random.chance(0.3)) head.set('name', 'corr_' + random.int(0, 99))
  meta(head, random)
  head.set('correlation', correlation)
  const ordered = random.chance(0.5) ? [head, ...docs] : [...docs, head]
  if (random.chance(0.1)) {
    // A chain: a correlation over the first one (rules by id or name).
    const name = (head.get('name') as string | undefined) ?? 'corr_chain'
    head.set('name', name)
    const chained = new Map<string, YamlValue>([
      ['type', 'event_count'],
      ['rules', [random.chance(0.5) ? name : (head.get('id') as string)]],
      ['group-by', groupBy.length > 0 ? groupBy : ['User']],
      ['timespan', '1h'],
      ['condition', new Map([['gte', random.int(1, 5)]])],
    ])
    ordered.push(new Map<string, YamlValue>([['title', 'chained ' + text(random)], ['id', uuid(random)], ['correlation', chained]]))
  }
  return { text: ordered.map((d) => writeYaml(d, random)).join('---\n'), shape: `correlation:${type}` }
}

function correlationCondition(random: Random, type: string): Map<string, YamlValue> {
  const condition = new Map<string, YamlValue>()
  if (type === 'value_count' || type === 'value_sum' || type === 'value_avg' || type === 'value_percentile') {
    condition.set('field', random.pick(['TargetUserName', 'DestinationPort', 'bytes', 'with space']))
  }
  if (type === 'value_percentile') condition.set('percentile', random.pick([50, 95, 99]))
  const ops = random.chance(0.25) ? random.pick([['gte', 'lt'], ['gt', 'lte']]) : [random.pick(['gt', 'gte', 'lt', 'lte', 'eq', 'neq'])]
  let low = random.int(0, 100)
  for (const op of ops) {
    condition.set(op, low)
    low += random.int(1, 100)
  }
  return condition
}

function filterFile(random: Random): GeneratedFile {
  const logsource = random.pick(LOGSOURCES)
  const target = { id: uuid(random), name: 'filtered_rule' }
  const rule = ruleDocument(random, { ...target, logsource })
  const names = pickSome(random, ['filter_a', 'filter_b', 'sel'], 1, 2)
  const filter = new Map<string, YamlValue>([['rules', [random.chance(0.5) ? target.id : target.name]]])
  for (const name of names) filter.set(name, selectionMap(random))
  filter.set('condition', condition(random, names))
  const doc = new Map<string, YamlValue>([['title', text(random)], ['id', uuid(random)], ['logsource', logsource], ['filter', filter]])
  meta(doc, random)
  return { text: [rule, doc].map((d) => writeYaml(d, random)).join('---\n'), shape: 'filter' }
}

/** A legacy collection: `action: global` with the logsource and shared selections, then rules with their own. */
function globalFile(random: Random): GeneratedFile {
  const global = new Map<string, YamlValue>([['action', 'global'], ['title', text(random)], ['logsource', random.pick(LOGSOURCES)]])
  const docs = Array.from({ length: random.int(1, 3) }, () => {
    const doc = new Map<string, YamlValue>([['id', uuid(random)], ['detection', detection(random)]])
    if (random.chance(0.3)) doc.set('title', text(random))
    return doc
  })
  return { text: [global, ...docs].map((d) => writeYaml(d, random)).join('---\n'), shape: 'global' }
}
