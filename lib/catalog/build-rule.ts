import { parseAllDocuments, type Document } from 'yaml'
import type { Diagnostic } from '../sigma/diagnostics'
import { LIMITS, tooManyAliases } from '../sigma/limits'
import type { Location } from '../sigma/position'
import type { SigmaCollection, SigmaDocument, SigmaRule } from '../sigma/rule'
import { SourceFile } from '../sigma/source-file'
import {
  convert,
  evaluateCorrelation,
  expressionFields,
  groupByTactic,
  matches,
  parseSigma,
  resolveCollection,
  resolveTags,
  type ResolvedCollection,
  type RuleFacts,
} from './engine'
import { parseWithFriendlyErrors } from './friendly-errors'
import { blockScalarMapper, frontmatterLocation, nodeAt, splitFile, type SplitFile } from './frontmatter'
import { checkGuide, compileGuide } from './guide'
import { highlight } from './highlight'
import type { AttackChip, AttackGroup, Conversion, RuleDetail, SampleTestResult, ShownCode, TargetSummary } from './manifest-types'
import { logsourceSlug } from './logsource'
import { splitReferences } from './safe-url'
import {
  nativeFrontmatterSchema,
  overlayFrontmatterSchema,
  sigmaFrontmatterSchema,
  type NativeFrontmatter,
  type OverlayFrontmatter,
  type SampleTest,
  type SigmaFrontmatter,
} from './schemas'

export interface BuiltRule {
  readonly detail: RuleDetail | null
  readonly diagnostics: Diagnostic[]
  /** Where the rule's id is written, for duplicate-id errors found across rules. */
  readonly idLocation: Location | null
}

export const NATIVE_LABELS: Record<string, string> = {
  eql: 'EQL',
  kuery: 'KQL (Kibana)',
  esql: 'ES|QL',
  spl: 'Splunk SPL',
  kql: 'KQL (Sentinel)',
  lucene: 'Lucene',
}

/**
 * Everything a rule page needs from one `content/rules/<slug>.mdx`: validated
 * frontmatter, the parsed detection, ATT&CK, sample-test results, every
 * target's conversion (highlighted) and the compiled guide. Never throws: every
 * problem is a located diagnostic.
 */
export async function buildRule(file: string, slug: string, text: string, targets: readonly TargetSummary[]): Promise<BuiltRule> {
  const split = splitFile(file, text)
  const diagnostics: Diagnostic[] = []
  const error = (code: string, message: string, location: Location) =>
    diagnostics.push({ severity: 'error', code, message, location })
  const fail = (): BuiltRule => ({ detail: null, diagnostics, idLocation: null })
  if (split.tooDeep) return { detail: null, diagnostics: [split.tooDeep], idLocation: null }

  const guide = checkGuide(file, split.body)
  diagnostics.push(...guide.diagnostics)

  if (!split.doc) {
    error('frontmatter-missing', 'A rule page starts with YAML frontmatter between `---` lines', split.source.location(0))
    return fail()
  }
  const doc = split.doc
  for (const e of [...doc.errors, ...doc.warnings]) {
    diagnostics.push({
      severity: doc.errors.includes(e as never) ? 'error' : 'warning',
      code: `frontmatter-yaml-${e.code.toLowerCase().replaceAll('_', '-')}`,
      message: e.message.split('\n')[0] ?? e.message,
      location: frontmatterLocation(split, e.pos),
    })
  }
  if (doc.errors.length) return fail()
  let data: Record<string, unknown> | null
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.maxAliases }) as Record<string, unknown> | null
  } catch (cause) {
    if (!(cause instanceof ReferenceError)) throw cause
    const alias = text.indexOf('*', split.frontmatterOffset)
    if (/excessive alias/i.test(cause.message)) diagnostics.push(tooManyAliases('The frontmatter', split.source.location(Math.max(alias, 0))))
    else error('frontmatter-yaml-alias', cause.message, split.source.location(Math.max(alias, 0)))
    return fail()
  }
  const parsed = { ...split, doc }
  if (data && typeof data === 'object' && 'sigma' in data) {
    const { value, diagnostics: found } = parseWithFriendlyErrors(sigmaFrontmatterSchema, parsed, data)
    diagnostics.push(...found)
    if (!value) return fail()
    return buildSigmaRule(parsed, slug, value, targets, guide.headings, diagnostics)
  }
  if (data && typeof data === 'object' && 'query' in data) {
    const { value, diagnostics: found } = parseWithFriendlyErrors(nativeFrontmatterSchema, parsed, data)
    diagnostics.push(...found)
    if (!value) return fail()
    return buildNativeRule(parsed, slug, value, guide.headings, diagnostics)
  }
  if (data && typeof data === 'object' && 'id' in data) {
    const { value, diagnostics: found } = parseWithFriendlyErrors(overlayFrontmatterSchema, parsed, data)
    diagnostics.push(...found)
    if (!value) return fail()
    return buildOverlayPage(parsed, slug, value, guide.headings, diagnostics)
  }
  error(
    'frontmatter-no-detection',
    'A rule page needs a detection: `sigma:` (a Sigma rule as YAML) or `query:` (a native query), or an `id:` of an imported rule to overlay',
    frontmatterLocation(split, doc.contents?.range),
  )
  return fail()
}

type Headings = ReturnType<typeof checkGuide>['headings']

async function buildSigmaRule(
  split: SplitFile & { doc: NonNullable<SplitFile['doc']> },
  slug: string,
  fm: SigmaFrontmatter,
  targets: readonly TargetSummary[],
  headings: Headings,
  diagnostics: Diagnostic[],
): Promise<BuiltRule> {
  const file = split.source.file
  const sigmaNode = nodeAt(split.doc, ['sigma'])
  const toFile = blockScalarMapper(split, sigmaNode)
  const resolved = resolveCollection([parseSigma(fm.sigma, file)])
  const collection = resolved.collection
  for (const d of collection.diagnostics) diagnostics.push({ ...d, location: toFile(d.location) })
  const primary =
    collection.documents.find((d) => d.type === 'correlation') ?? collection.documents.find((d) => d.type === 'rule')
  if (!primary) {
    if (!diagnostics.some((d) => d.severity === 'error'))
      diagnostics.push({
        severity: 'error',
        code: 'sigma-no-rule',
        message: 'The `sigma:` block holds no Sigma rule or correlation',
        location: frontmatterLocation(split, sigmaNode?.range),
      })
    return { detail: null, diagnostics, idLocation: null }
  }
  const sigmaLocation = sigmaLocator(file, fm.sigma, primary, toFile)

  const rules = collection.documents.filter((d): d is SigmaRule => d.type === 'rule')
  const baseRule = primary.type === 'rule' ? primary : rules[0]
  const attackResult = resolveAttack(primary.tags, (i) => sigmaLocation(['tags', i]), diagnostics)

  const tests = runTests(split, fm.tests ?? [], primary, resolved, diagnostics)
  const conversions = await convertAll(primary, collection, targets, ruleFacts(fm), toFile)
  const severity = fm.severity ?? primary.level ?? 'medium'
  const logsource = baseRule?.logsource
    ? pick(baseRule.logsource, ['product', 'category', 'service'])
    : null
  const fields = [...new Set(rules.flatMap((r) => expressionFields(r.expression)).concat(primary.type === 'correlation' ? primary.groupBy : []))].sort()

  const detail: RuleDetail = {
    slug,
    file,
    id: primary.id ?? slug,
    title: primary.title,
    description: primary.description ?? '',
    severity,
    ...(fm.risk_score !== undefined ? { riskScore: fm.risk_score } : {}),
    ...(primary.status ? { status: primary.status } : {}),
    kind: primary.type === 'correlation' ? 'correlation' : 'sigma',
    ...(fm.rule_type ? { ruleType: fm.rule_type } : {}),
    ...attackResult.summary,
    attack: attackResult.groups,
    logsource,
    logsourceSlug: logsource ? logsourceSlug(logsource) : null,
    ...(primary.date ? { date: primary.date } : {}),
    ...(primary.modified ? { modified: primary.modified } : {}),
    ...(primary.author ? { author: primary.author } : {}),
    targets: [...new Set(conversions.filter((c) => c.ok).map((c) => c.target))],
    ...splitReferences(primary.references),
    falsepositives: primary.falsepositives,
    authors: fm.authors ?? (primary.author ? primary.author.split(/\s*,\s*/) : []),
    ...(fm.license ?? primary.license ? { license: fm.license ?? primary.license } : {}),
    ...(fm.version !== undefined ? { version: fm.version } : {}),
    indices: fm.indices ?? [],
    ...(fm.schedule ? { schedule: fm.schedule } : {}),
    ...(fm.trigger ? { trigger: fm.trigger } : {}),
    detection: await shown('yaml', 'Sigma', fm.sigma.trimEnd()),
    native: await shownNative(fm.native),
    conversions,
    tests,
    fields,
    guide: null,
  }
  const idLocation = primary.id ? sigmaLocation(['id']) : frontmatterLocation(split, sigmaNode?.range)
  return finish(split, detail, headings, diagnostics, idLocation)
}

/**
 * A page whose frontmatter holds its metadata (not a Sigma document): ATT&CK from its
 * `tags`, and its sample tests reported as not checked, since there is no Sigma detection to run them on.
 */
function frontmatterAttack(
  split: SplitFile & { doc: NonNullable<SplitFile['doc']> },
  fm: { readonly tags?: readonly string[] | undefined; readonly tests?: readonly unknown[] | undefined },
  diagnostics: Diagnostic[],
  untested: { code: string; message: string },
) {
  const at = (path: (string | number)[]) => frontmatterLocation(split, nodeAt(split.doc, path)?.range)
  const attackResult = resolveAttack(fm.tags ?? [], (i) => at(['tags', i]), diagnostics)
  if (fm.tests?.length) diagnostics.push({ severity: 'warning', ...untested, location: at(['tests']) })
  return { at, attackResult }
}

async function buildNativeRule(
  split: SplitFile & { doc: NonNullable<SplitFile['doc']> },
  slug: string,
  fm: NativeFrontmatter,
  headings: Headings,
  diagnostics: Diagnostic[],
): Promise<BuiltRule> {
  const { at, attackResult } = frontmatterAttack(split, fm, diagnostics, {
    code: 'tests-native',
    message: 'Sample tests run on Sigma detections only; this page has a native query, so they are not checked',
  })
  const logsource = fm.logsource ? pick(fm.logsource, ['product', 'category', 'service']) : null
  const detail: RuleDetail = {
    slug,
    file: split.source.file,
    id: fm.id,
    title: fm.title,
    description: fm.description,
    severity: fm.severity,
    ...(fm.risk_score !== undefined ? { riskScore: fm.risk_score } : {}),
    ...(fm.status ? { status: fm.status } : {}),
    kind: 'native',
    ruleType: fm.rule_type ?? fm.query.language,
    ...attackResult.summary,
    attack: attackResult.groups,
    logsource,
    logsourceSlug: logsource ? logsourceSlug(logsource) : null,
    ...(fm.date ? { date: fm.date } : {}),
    ...(fm.modified ? { modified: fm.modified } : {}),
    ...(fm.author ? { author: fm.author } : {}),
    targets: [],
    ...splitReferences(fm.references ?? []),
    falsepositives: fm.falsepositives ?? [],
    authors: fm.authors ?? (fm.author ? [fm.author] : []),
    ...(fm.license ? { license: fm.license } : {}),
    ...(fm.version !== undefined ? { version: fm.version } : {}),
    indices: fm.indices ?? [],
    ...(fm.schedule ? { schedule: fm.schedule } : {}),
    ...(fm.trigger ? { trigger: fm.trigger } : {}),
    detection: await shown(fm.query.language, fm.query.label ?? NATIVE_LABELS[fm.query.language] ?? fm.query.language, fm.query.text.trimEnd()),
    native: await shownNative(fm.native),
    conversions: [],
    tests: [],
    fields: [],
    guide: null,
  }
  return finish(split, detail, headings, diagnostics, at(['id']))
}

/** The detection of a page that has none (an overlay), and of a light copy of a rule. */
export const NO_DETECTION: ShownCode = { language: '', label: '', text: '', html: '' }

/**
 * A page without a detection: its guide and the metadata it sets, to lay over the
 * imported rule with its id (`sources/overlay.ts`; the catalog reports a page whose id
 * no imported rule has). Placeholders fill what it leaves out; `overlayOnly` says so.
 */
async function buildOverlayPage(
  split: SplitFile & { doc: NonNullable<SplitFile['doc']> },
  slug: string,
  fm: OverlayFrontmatter,
  headings: Headings,
  diagnostics: Diagnostic[],
): Promise<BuiltRule> {
  const { at, attackResult } = frontmatterAttack(split, fm, diagnostics, {
    code: 'tests-overlay',
    message: 'Sample tests need the detection on the page; this page overlays an imported rule, so they are not checked',
  })
  const detail: RuleDetail = {
    slug,
    file: split.source.file,
    id: fm.id,
    title: fm.title ?? '',
    description: fm.description ?? '',
    severity: fm.severity ?? 'medium',
    ...(fm.risk_score !== undefined ? { riskScore: fm.risk_score } : {}),
    ...(fm.status ? { status: fm.status } : {}),
    kind: 'native',
    ...attackResult.summary,
    attack: attackResult.groups,
    logsource: null,
    logsourceSlug: null,
    targets: [],
    ...splitReferences(fm.references ?? []),
    falsepositives: fm.falsepositives ?? [],
    authors: fm.authors ?? [],
    ...(fm.license ? { license: fm.license } : {}),
    ...(fm.version !== undefined ? { version: fm.version } : {}),
    indices: fm.indices ?? [],
    ...(fm.schedule ? { schedule: fm.schedule } : {}),
    ...(fm.trigger ? { trigger: fm.trigger } : {}),
    detection: NO_DETECTION,
    native: await shownNative(fm.native),
    conversions: [],
    tests: [],
    fields: [],
    guide: null,
    overlayOnly: { title: fm.title !== undefined, severity: fm.severity !== undefined },
  }
  return finish(split, detail, headings, diagnostics, at(['id']))
}

async function finish(
  split: SplitFile,
  detail: RuleDetail,
  headings: Headings,
  diagnostics: Diagnostic[],
  idLocation: Location,
): Promise<BuiltRule> {
  if (diagnostics.some((d) => d.severity === 'error')) return { detail: null, diagnostics, idLocation }
  const hasGuide = split.body.trim().length > 0
  const guide = hasGuide ? { code: await compileGuide(split.body), headings } : null
  return { detail: { ...detail, guide }, diagnostics, idLocation }
}

/**
 * Locates a data path (`['tags', 2]`) of the primary Sigma document in the file:
 * finds the YAML document of the Sigma text that holds it, then maps through the block scalar.
 */
function sigmaLocator(
  file: string,
  text: string,
  primary: SigmaDocument,
  toFile: (location: Location) => Location,
): (path: (string | number)[]) => Location {
  const source = new SourceFile(file, text)
  const docs = parseAllDocuments(text)
  const list = Array.isArray(docs) ? docs : [docs]
  const offset = primary.location.start.offset
  const doc = list.find((d) => d.range[0] <= offset && offset <= d.range[2]) ?? list[0]
  return (path) => {
    const node = doc ? nodeAt(doc as Document.Parsed, path) : null
    return toFile(source.location(node?.range?.[0] ?? offset))
  }
}

function resolveAttack(
  tags: readonly string[],
  tagLocation: (index: number) => Location,
  diagnostics: Diagnostic[],
): { groups: AttackGroup[]; summary: { tactics: string[]; techniques: string[] } } {
  return attackOf(resolveTags(tags), (path) => tagLocation(Number(path[0] ?? 0)), diagnostics)
}

/** A resolved ATT&CK mapping (Sigma tags or Elastic `threat`) as the page's chips and the index's summary. */
export function attackOf(
  resolution: ReturnType<typeof resolveTags>,
  locate: (path: readonly (string | number)[]) => Location,
  diagnostics: Diagnostic[],
): { groups: AttackGroup[]; summary: { tactics: string[]; techniques: string[] } } {
  for (const d of resolution.diagnostics)
    diagnostics.push({
      severity: d.severity,
      code: d.code,
      message: d.message,
      location: locate(d.path),
    })
  const groups = groupByTactic(resolution.entries).map(
    (g): AttackGroup => ({
      tactic: chip(g.tactic),
      techniques: g.techniques.map((t) => ({ technique: chip(t.technique), subtechniques: t.subtechniques.map(chip) })),
    }),
  )
  const techniques = new Set<string>()
  for (const e of resolution.entries) if (e.kind === 'technique') techniques.add(e.id)
  return {
    groups,
    summary: { tactics: groups.map((g) => g.tactic.shortname ?? g.tactic.id), techniques: [...techniques].sort() },
  }
}

function chip(entry: ReturnType<typeof resolveTags>['entries'][number]): AttackChip {
  if (entry.kind === 'tactic')
    return {
      kind: 'tactic',
      id: entry.id ?? entry.shortname,
      shortname: entry.shortname,
      url: entry.url,
      known: entry.known,
      ...(entry.name ? { name: entry.name } : {}),
    }
  if (entry.kind === 'technique') {
    const note = entry.revoked
      ? `revoked${entry.replacedBy ? `: use ${entry.replacedBy.id}` : ''}`
      : entry.deprecated
        ? 'deprecated'
        : undefined
    return {
      kind: 'technique',
      id: entry.id,
      url: entry.url,
      known: entry.known,
      ...(entry.name ? { name: entry.name } : {}),
      ...(note ? { note } : {}),
    }
  }
  return { kind: 'other', id: entry.id, url: entry.url, known: false }
}

function runTests(
  split: SplitFile & { doc: NonNullable<SplitFile['doc']> },
  tests: readonly SampleTest[],
  primary: SigmaDocument,
  resolved: ResolvedCollection,
  diagnostics: Diagnostic[],
): SampleTestResult[] {
  return tests.map((test, index) => {
    const location = frontmatterLocation(split, nodeAt(split.doc, ['tests', index])?.range)
    let fired: boolean
    try {
      if (primary.type === 'correlation') {
        const events = test.events ?? (test.event ? [test.event] : [])
        const result = evaluateCorrelation(primary, resolved.lookup, events)
        for (const problem of result.problems)
          diagnostics.push({
            severity: 'warning',
            code: 'test-event-unused',
            message: `Sample test "${test.name}", event ${problem.index + 1}: ${problem.message}`,
            location,
          })
        fired = result.fired.length > 0
      } else if (primary.type === 'rule') {
        const events = test.events ?? (test.event ? [test.event] : [])
        fired = events.some((event) => matches(primary.expression, event))
      } else {
        fired = false
      }
    } catch (cause) {
      diagnostics.push({
        severity: 'error',
        code: 'test-crashed',
        message: `Sample test "${test.name}" could not be evaluated: ${(cause as Error).message}`,
        location,
      })
      return { name: test.name, match: test.match, passed: false }
    }
    const passed = fired === test.match
    if (!passed)
      diagnostics.push({
        severity: 'error',
        code: 'test-failed',
        message: `Sample test "${test.name}" failed: expected the rule to ${test.match ? 'fire' : 'stay silent'}, but it ${fired ? 'fired' : 'stayed silent'}`,
        location,
      })
    return { name: test.name, match: test.match, passed }
  })
}

/** The page's schedule, severity and risk score, for the output formats (Watcher, Kibana NDJSON, …). */
export function ruleFacts(fm: Pick<SigmaFrontmatter, 'schedule' | 'severity' | 'risk_score'>): RuleFacts {
  const schedule = fm.schedule
    ? {
        interval: fm.schedule.interval,
        ...(fm.schedule.lookback !== undefined ? { lookback: fm.schedule.lookback } : {}),
        ...(fm.schedule.max_alerts !== undefined ? { maxAlerts: fm.schedule.max_alerts } : {}),
      }
    : undefined
  return {
    ...(schedule ? { schedule } : {}),
    ...(fm.severity !== undefined ? { severity: fm.severity } : {}),
    ...(fm.risk_score !== undefined ? { riskScore: fm.risk_score } : {}),
  }
}

export async function convertAll(
  primary: SigmaDocument,
  collection: SigmaCollection,
  targets: readonly TargetSummary[],
  facts: RuleFacts = {},
  /** Maps a location in the Sigma text to the page file (the rule sits in a frontmatter block). */
  toFile: (location: Location) => Location = (location) => location,
): Promise<Conversion[]> {
  const out: Conversion[] = []
  for (const target of targets) {
    const pipelines = target.pipelines.length ? target.pipelines.map((p) => p.id) : [undefined]
    const formats = target.formats.length ? target.formats.map((f) => f.id) : [undefined]
    for (const pipeline of pipelines)
      for (const format of formats) {
        const options = { target: target.id, ...(pipeline ? { pipeline } : {}), ...(format ? { format } : {}), facts }
        let result: ReturnType<typeof convert>
        try {
          result = convert(primary, collection, options)
        } catch (cause) {
          result = {
            ok: false,
            target: target.id,
            pipeline: pipeline ?? '',
            format: format ?? '',
            reason: `the converter failed: ${(cause as Error).message}`,
            code: 'converter-crashed',
          }
        }
        const base = { target: target.id, pipeline: pipeline ?? '', format: format ?? '' }
        out.push(
          result.ok
            ? {
                ...base,
                ok: true,
                query: result.query,
                html: await highlight(result.query, format && format !== 'query' ? formatLanguage(format, target.language) : target.language),
                warnings: result.warnings.map((w) => (w.location ? { ...w, location: toFile(w.location) } : w)),
              }
            : { ...base, ok: false, reason: result.reason, code: result.code, warnings: [] },
        )
      }
  }
  return out
}

/** The language an output format is written in, for highlighting. */
function formatLanguage(format: string, queryLanguage: string): string {
  if (/watcher|json|sentinel|arm/i.test(format)) return 'json'
  if (/saved|conf/i.test(format)) return 'ini'
  return queryLanguage
}

/** The page's `native:` queries, shown beside the detection. */
function shownNative(native: SigmaFrontmatter['native']): Promise<ShownCode[]> {
  return Promise.all((native ?? []).map((n) => shown(n.language, n.label ?? NATIVE_LABELS[n.language] ?? n.language, n.text.trimEnd())))
}

export async function shown(language: string, label: string, text: string): Promise<ShownCode> {
  return { language, label, text, html: await highlight(text, language) }
}

export function pick<T extends object, K extends keyof T>(object: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>
  for (const k of keys) if (object[k] !== undefined) out[k] = object[k]
  return out
}
