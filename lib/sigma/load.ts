import { isMap, Pair, parseAllDocuments, stringify, YAMLMap, type Document } from 'yaml'
import { readCorrelation } from './correlation'
import { parseFastYaml } from './fast-yaml'
import { resolveDetection } from './detection'
import type { ItemOptions } from './detection-item'
import type { Diagnostic } from './diagnostics'
import { LIMITS, nestedTooDeep, textTooLarge, tooManyAliases } from './limits'
import { yamlCstTooDeep, yamlTooDeep } from './nesting'
import { readLogSource, readMeta, type DocumentKind } from './meta'
import type { Expression } from './nodes'
import type { Location } from './position'
import type { SigmaCollection, SigmaDocument } from './rule'
import { SourceFile } from './source-file'
import { isSeq, isString, typeName, YamlReader, type Entry } from './yaml-nodes'

export interface ParseOptions {
  /** Values of `%name%` placeholders used with the `expand` modifier. */
  readonly placeholders?: Readonly<Record<string, readonly string[]>>
  /**
   * `fast` (default): the fast reader for plain Sigma YAML, falling back to the
   * `yaml` package on anything it does not handle; `yaml`: always the package.
   * Both give the same result (checked over the corpus).
   */
  readonly yamlReader?: 'fast' | 'yaml'
}

/**
 * Every YAML document of one Sigma file (rules, correlations, filters and
 * legacy `action: global/reset/repeat` collections) as validated documents
 * plus every problem found. Never throws.
 */
export function parseSigma(text: string, file: string, options: ParseOptions = {}): SigmaCollection {
  const source = new SourceFile(file, text)
  const documents: SigmaDocument[] = []
  try {
    loadDocuments(source, documents, options)
  } catch (error) {
    source.error('internal-error', `Internal error while loading: ${error instanceof Error ? error.message : String(error)}`, source.location(0))
  }
  checkDuplicateIds(documents, source)
  return { documents, diagnostics: sortDiagnostics(source.diagnostics) }
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      a.location.start.offset - b.location.start.offset ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  )
}

/** Whether the text is within `LIMITS` (size, nesting) to be parsed at all; if not, the error is reported. */
function withinLimits(source: SourceFile): boolean {
  const deep = () => {
    const offset = yamlTooDeep(source.text)
    return offset === undefined ? undefined : nestedTooDeep('The YAML', source.location(offset))
  }
  const problem = textTooLarge(source.file, source.text) ?? deep()
  if (problem) source.error(problem.code, problem.message, problem.location)
  return !problem
}

/** A document parsed by `yaml` whose aliases expand too much ("billion laughs"): reported at its first alias. */
function aliasBomb(source: SourceFile, doc: Document): boolean {
  if (!source.text.includes('&')) return false // no anchor, no alias
  try {
    doc.toJS({ maxAliasCount: LIMITS.maxAliases })
    return false
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/excessive alias/i.test(error.message)) return false // reported by the reader
    const offset = source.text.indexOf('*', (doc.range?.[0] ?? 0))
    const problem = tooManyAliases('This document', source.location(offset === -1 ? (doc.range?.[0] ?? 0) : offset))
    source.error(problem.code, problem.message, problem.location)
    return true
  }
}

function loadDocuments(source: SourceFile, documents: SigmaDocument[], options: ParseOptions): void {
  if (!withinLimits(source)) return
  const fast = options.yamlReader === 'yaml' ? undefined : parseFastYaml(source.text)
  if (!fast) {
    // The `yaml` package's composer recurses per level: its exact depth first (the scan above is an estimate).
    const deep = yamlCstTooDeep(source.text)
    if (deep !== undefined) {
      const problem = nestedTooDeep('The YAML', source.location(deep))
      return source.error(problem.code, problem.message, problem.location)
    }
  }
  const docs: ParsedDocument[] = fast
    ? fast.map((d) => ({ ...d, errors: [], warnings: [], doc: undefined }))
    : (parseAllDocuments(source.text, { prettyErrors: false, uniqueKeys: true }) as Document[]).map((doc) => ({
        contents: doc.contents,
        range: doc.range,
        errors: doc.errors,
        warnings: doc.warnings,
        doc,
      }))
  let global: YAMLMap | undefined
  let previous: YAMLMap | undefined
  for (const doc of docs) {
    for (const problem of doc.errors) {
      source.error('yaml-syntax', firstLine(problem.message), source.location(problem.pos[0], problem.pos[1]))
    }
    for (const problem of doc.warnings) {
      source.warning('yaml-warning', firstLine(problem.message), source.location(problem.pos[0], problem.pos[1]))
    }
    if (doc.errors.length || (doc.doc && aliasBomb(source, doc.doc))) continue
    const range = doc.range ?? [0, 0, 0]
    const reader = new YamlReader(source, doc.doc)
    const contents = reader.resolve(doc.contents)
    const start = contents?.range?.[0] ?? range[0]
    const docLocation = source.location(start, range[1])
    if (contents === null && range[0] === range[2]) continue
    if (!isMap(contents)) {
      source.error('invalid-document', `Expected a Sigma document (a map), found ${typeName(contents)}`, reader.location(contents, docLocation))
      continue
    }
    const action = contents.get('action')
    if (action === 'global') {
      global = without(contents, 'action')
      continue
    }
    if (action === 'reset') {
      global = undefined
      continue
    }
    let map = without(contents, 'action')
    let merged = false
    if (action === 'repeat') {
      if (!previous) source.error('legacy-repeat', '`action: repeat` without a document before it', reader.location(contents))
      else map = mergeMaps(previous, map)
      merged = true
    } else if (action !== undefined) {
      source.error('legacy-action', `Unknown action \`${String(action)}\`, expected \`global\`, \`reset\` or \`repeat\``, reader.location(contents))
    } else if (global) {
      map = mergeMaps(global, map)
      merged = true
    }
    previous = map
    const text = merged ? stringify(map.toJSON()) : source.text.slice(range[0], range[2]).replace(/^---[^\n]*\n/, '')
    const before = source.diagnostics.length
    const document = readDocument(reader, map, docLocation, text, options)
    if (document) {
      documents.push({ ...document, diagnostics: source.diagnostics.slice(before) })
    }
  }
}

interface ParsedDocument {
  readonly contents: unknown
  readonly range?: readonly [number, number, number]
  readonly errors: readonly { readonly message: string; readonly pos: readonly [number, number] }[]
  readonly warnings: readonly { readonly message: string; readonly pos: readonly [number, number] }[]
  /** For resolving aliases; absent when the fast reader read the document (it has none). */
  readonly doc: Document | undefined
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}

function without(map: YAMLMap, key: string): YAMLMap {
  const copy = new YAMLMap()
  copy.range = map.range
  copy.items = map.items.filter((pair) => String((pair.key as { value?: unknown })?.value ?? pair.key) !== key)
  return copy
}

/** Legacy collections: `over` on top of `base`, maps merged recursively, other values replaced. */
function mergeMaps(base: YAMLMap, over: YAMLMap): YAMLMap {
  const merged = new YAMLMap()
  merged.range = over.range
  const keyOf = (pair: Pair) => String((pair.key as { value?: unknown })?.value ?? pair.key)
  const overKeys = new Map(over.items.map((pair) => [keyOf(pair as Pair), pair as Pair]))
  for (const pair of base.items as Pair[]) {
    const replacement = overKeys.get(keyOf(pair))
    if (!replacement) merged.items.push(pair)
    else if (isMap(pair.value) && isMap(replacement.value)) merged.items.push(new Pair(replacement.key, mergeMaps(pair.value, replacement.value)))
    else merged.items.push(replacement)
    overKeys.delete(keyOf(pair))
  }
  merged.items.push(...overKeys.values())
  return merged
}

function kindOf(entries: readonly Entry[]): DocumentKind {
  if (entries.some((e) => e.key === 'correlation')) return 'correlation'
  if (entries.some((e) => e.key === 'filter')) return 'filter'
  return 'rule'
}

function readDocument(reader: YamlReader, map: YAMLMap, location: Location, text: string, options: ParseOptions): SigmaDocument | undefined {
  const entries = reader.entries(map)
  const byKey = new Map(entries.map((e) => [e.key, e]))
  const kind = kindOf(entries)
  const meta = readMeta({ reader, entries, kind, location, source: text })
  const itemOptions: ItemOptions = { placeholders: options.placeholders }
  switch (kind) {
    case 'correlation':
      return readCorrelation(reader, meta, byKey.get('correlation')!, byKey.get('generate'))
    case 'filter': {
      const logsource = readLogSource(reader, byKey.get('logsource'), location)
      const filter = byKey.get('filter')!
      const rules = readFilterRules(reader, filter)
      const expression = resolveDetection(reader, filter.value, filter.location, { ...itemOptions, ignore: new Set(['rules']) })
      return { ...meta, type: 'filter', logsource, rules, expression: expression ?? never(filter.location) }
    }
    case 'rule': {
      const logsource = readLogSource(reader, byKey.get('logsource'), location)
      const detection = byKey.get('detection')
      if (!detection) reader.source.error('missing-detection', 'Missing required `detection`', location)
      const expression = detection && resolveDetection(reader, detection.value, detection.location, itemOptions)
      return { ...meta, type: 'rule', logsource, expression: expression ?? never(detection?.location ?? location) }
    }
  }
}

/** The expression of a document whose detection has errors: an empty OR, which matches nothing. */
export function never(location: Location): Expression {
  return { kind: 'OrNode', children: [], location }
}

function readFilterRules(reader: YamlReader, filter: Entry): string[] {
  const { source } = reader
  if (!isMap(filter.value)) return []
  const rules = filter.value.items.find((pair) => String((pair.key as { value?: unknown })?.value) === 'rules')
  if (!rules) {
    source.error('missing-filter-rules', 'Missing required `filter.rules`', filter.location)
    return []
  }
  const node = reader.resolve(rules.value)
  if (isString(node)) return [node.value]
  if (!isSeq(node)) {
    source.error('invalid-type', `Expected \`filter.rules\` to be a list of rule ids or names, found ${typeName(node)}`, reader.location(node, filter.location))
    return []
  }
  return node.items.flatMap((item) => {
    const value = reader.resolve(item)
    if (isString(value)) return [value.value]
    source.error('invalid-type', `Expected a rule id or name in \`filter.rules\`, found ${typeName(value)}`, reader.location(value, filter.location))
    return []
  })
}

function checkDuplicateIds(documents: readonly SigmaDocument[], source: SourceFile): void {
  const seen = new Map<string, Location>()
  for (const document of documents) {
    if (!document.id) continue
    const here = document.idLocation ?? document.location
    const first = seen.get(document.id)
    if (first) {
      source.error('duplicate-id', `Duplicate id \`${document.id}\`, also used at ${first.file}:${first.start.line}:${first.start.column}`, here)
    } else seen.set(document.id, here)
  }
}
