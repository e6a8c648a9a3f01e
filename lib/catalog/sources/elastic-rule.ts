import { parse, TomlError } from 'smol-toml'
import { resolveThreat } from '../../attack'
import type { Diagnostic } from '../../sigma/diagnostics'
import { LIMITS, markdownTooComplex, nestedTooDeep, textTooLarge } from '../../sigma/limits'
import { bracketsTooDeep, mdxTooDeep } from '../../sigma/nesting'
import type { Location } from '../../sigma/position'
import { SourceFile } from '../../sigma/source-file'
import { attackOf, NATIVE_LABELS, shown, type BuiltRule } from '../build-rule'
import type { RuleDetail } from '../manifest-types'
import { splitReferences } from '../safe-url'
import { elasticRuleFileSchema, type ElasticRuleFile } from './elastic-schema'
import { renderMarkdown } from './markdown'
import type { ElasticFacts } from './types'

/** `now-9m` → `9m`; `30s`, `1h` as written; anything else null. */
function duration(value: string | undefined): string | null {
  const match = /^(?:now-)?(\d+)([smhd])$/.exec(value?.trim() ?? '')
  return match ? `${match[1]}${match[2]}` : null
}

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 }
const seconds = (d: string) => Number(d.slice(0, -1)) * SECONDS[d.slice(-1)]!
function humanSeconds(total: number): string {
  for (const unit of ['d', 'h', 'm'] as const) if (total % SECONDS[unit]! === 0 && total >= SECONDS[unit]!) return `${total / SECONDS[unit]!}${unit}`
  return `${total}s`
}

/** `2020/11/06` → `2020-11-06`. */
const isoDate = (value: string | undefined) => value?.replace(/\//g, '-')

/**
 * Where a TOML key or table is written: the line of `key =` (the n-th one for a
 * repeated table such as `[[rule.threat]]`), else the file's first line.
 */
function locator(source: SourceFile) {
  const lines = source.text.split('\n')
  const offsets: number[] = []
  let offset = 0
  for (const line of lines) {
    offsets.push(offset)
    offset += line.length + 1
  }
  return (pattern: RegExp, nth = 0): Location => {
    let seen = 0
    for (let i = 0; i < lines.length; i++)
      if (pattern.test(lines[i]!) && seen++ === nth) return source.location(offsets[i]!)
    return source.location(0)
  }
}

/** `$investigate_0` / `$osquery_1` in a note: the transform's label, as text (Kibana shows a button there). */
export function transformsOf(rule: ElasticRuleFile): ElasticFacts['transforms'] {
  const out: { placeholder: string; kind: string; label: string }[] = []
  for (const [kind, entries] of Object.entries(rule.transform ?? {}))
    entries.forEach((entry, i) => out.push({ placeholder: `${kind}_${i}`, kind, label: entry.label ?? `${kind} ${i}` }))
  return out
}

export function withTransforms(markdown: string, transforms: ElasticFacts['transforms']): string {
  const names: Record<string, string> = { investigate: 'Investigate in Timeline', osquery: 'Osquery' }
  return markdown.replace(/\$([a-z]+_\d+)\b/g, (whole, placeholder: string) => {
    const t = transforms.find((x) => x.placeholder === placeholder)
    return t ? `(${names[t.kind] ?? t.kind}: *${t.label.replace(/[*_`[\]\\<>]/g, '\\$&')}*)` : whole
  })
}

const list = (value: string | readonly string[] | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : [...value])

/** Everything the Elastic rule page shows beyond the common fields. */
function factsOf(file: ElasticRuleFile, transforms: ElasticFacts['transforms']): ElasticFacts {
  const { metadata: meta, rule } = file
  const interval = duration(rule.interval) ?? '5m'
  const lookback = duration(rule.from) ?? '6m'
  const extra = seconds(lookback) - seconds(interval)
  const facts: ElasticFacts = {
    type: rule.type,
    ...(rule.language ? { language: rule.language } : {}),
    maturity: meta.maturity,
    deprecated: meta.maturity === 'deprecated',
    buildingBlock: rule.building_block_type !== undefined,
    tags: rule.tags,
    integrations: list(meta.integration),
    interval,
    lookback,
    additionalLookback: extra > 0 ? humanSeconds(extra) : null,
    maxAlerts: rule.max_signals ?? 100,
    investigationFields: rule.investigation_fields?.field_names ?? [],
    transforms,
    ...(rule.timestamp_override ? { timestampOverride: rule.timestamp_override } : {}),
    ...(meta.min_stack_version ? { minStackVersion: meta.min_stack_version } : {}),
    ...(meta.deprecation_date ? { deprecationDate: isoDate(meta.deprecation_date)! } : {}),
    ...(rule.setup ? { setup: renderMarkdown(rule.setup) } : {}),
  }
  const t = rule.threshold
  const nt = rule.new_terms
  const window = nt?.history_window_start?.[0]?.value
  const as = rule.alert_suppression
  return {
    ...facts,
    ...(t ? { threshold: { field: list(t.field), value: t.value, ...(t.cardinality ? { cardinality: t.cardinality } : {}) } } : {}),
    ...(nt
      ? { newTerms: { fields: nt.value, historyWindowStart: window ?? 'now-7d', historyWindow: duration(window ?? 'now-7d') ?? (window ?? '') } }
      : {}),
    ...(rule.type === 'machine_learning'
      ? { machineLearning: { jobIds: list(rule.machine_learning_job_id), anomalyThreshold: rule.anomaly_threshold ?? 0 } }
      : {}),
    ...(rule.type === 'threat_match'
      ? {
          threatMatch: {
            indices: rule.threat_index ?? [],
            ...(rule.threat_indicator_path ? { indicatorPath: rule.threat_indicator_path } : {}),
            ...(rule.threat_query ? { query: rule.threat_query } : {}),
            mappings: (rule.threat_mapping ?? []).map((m) => m.entries.map((e) => ({ field: e.field, value: e.value }))),
          },
        }
      : {}),
    ...(as
      ? {
          alertSuppression: {
            groupBy: as.group_by ?? [],
            ...(as.duration ? { duration: `${as.duration.value}${as.duration.unit}` } : {}),
            ...(as.missing_fields_strategy ? { missingFields: as.missing_fields_strategy } : {}),
          },
        }
      : {}),
  }
}

/** The detection as Kibana shows it: the query as written, or for machine learning the job and its threshold. */
async function detectionOf(rule: ElasticRuleFile['rule']) {
  if (rule.query !== undefined) {
    const language = rule.language ?? 'kuery'
    return shown(language, `${NATIVE_LABELS[language] ?? language} (as written)`, rule.query.trim())
  }
  const jobs = list(rule.machine_learning_job_id)
  return shown('text', 'Machine learning job', `${jobs.join('\n')}\nanomaly score ≥ ${rule.anomaly_threshold ?? 0}`)
}

/**
 * One Elastic detection-rules `.toml` file → its rule page: the native query
 * (highlighted, as written), the schedule and type-specific facts, ATT&CK from
 * `[[rule.threat]]`, and the `note` as the investigation guide (markdown,
 * rendered and sanitized). Never throws: problems are located diagnostics.
 */
export async function buildElasticRule(file: string, slug: string, text: string): Promise<BuiltRule> {
  const tooLarge = textTooLarge(file, text)
  if (tooLarge) return { detail: null, diagnostics: [tooLarge], idLocation: null }
  const source = new SourceFile(file, text)
  const at = locator(source)
  const diagnostics: Diagnostic[] = []
  const deep = bracketsTooDeep(text, { toml: true })
  if (deep !== undefined) return { detail: null, diagnostics: [nestedTooDeep('The TOML', source.location(deep))], idLocation: null }
  let data: unknown
  try {
    data = parse(text, { maxDepth: LIMITS.maxDepth })
  } catch (cause) {
    const e = cause as TomlError
    const start = e instanceof TomlError ? { line: e.line, column: e.column, offset: 0 } : { line: 1, column: 1, offset: 0 }
    const message = (e.message.split('\n')[0] ?? e.message).replace(/^Invalid TOML document: /, '')
    diagnostics.push({ severity: 'error', code: 'elastic-toml', message: `Cannot parse the TOML: ${message}`, location: { file, start } })
    return { detail: null, diagnostics, idLocation: null }
  }
  const checked = elasticRuleFileSchema.safeParse(data)
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = issue.path.filter((p) => typeof p === 'string').at(-1)
      diagnostics.push({
        severity: 'error',
        code: 'elastic-schema',
        message: `${issue.path.join('.') || 'file'}: ${issue.message}`,
        location: key ? at(new RegExp(`^\\s*${String(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`)) : source.location(0),
      })
    }
    return { detail: null, diagnostics, idLocation: null }
  }
  const value = checked.data
  const { metadata: meta, rule } = value
  // `note` and `setup` are markdown, rendered by a recursive parser: as deep as a guide may be.
  for (const key of ['note', 'setup'] as const) {
    const markdown = rule[key]
    if (markdown === undefined) continue
    const where = () => at(new RegExp(`^\\s*${key}\\s*=`))
    const limit = markdownTooComplex(`The \`${key}\` markdown`, markdown, where) ?? (mdxTooDeep(markdown) === undefined ? undefined : nestedTooDeep(`The \`${key}\` markdown`, where()))
    if (limit) diagnostics.push(limit)
  }
  if (diagnostics.length) return { detail: null, diagnostics, idLocation: null }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(rule.rule_id))
    diagnostics.push({
      severity: 'warning',
      code: 'elastic-rule-id',
      message: `rule_id ${rule.rule_id} is not a UUID; kept as written (its /r/ link uses it)`,
      location: at(/^\s*rule_id\s*=/),
    })
  const threatLine = (path: readonly (string | number)[]) => at(/^\[\[rule\.threat\]\]/, Number(path[0] ?? 0))
  const attack = attackOf(resolveThreat(rule.threat ?? []), threatLine, diagnostics)
  const transforms = transformsOf(value)
  const elastic = factsOf(value, transforms)
  const note = rule.note?.trim() ? renderMarkdown(withTransforms(rule.note, transforms)) : null

  const detail: RuleDetail = {
    slug,
    file,
    id: rule.rule_id.toLowerCase(),
    title: rule.name,
    description: rule.description.trim(),
    severity: rule.severity,
    riskScore: rule.risk_score,
    status: meta.maturity,
    kind: 'native',
    ruleType: rule.type,
    ...attack.summary,
    attack: attack.groups,
    logsource: null,
    logsourceSlug: null,
    date: isoDate(meta.creation_date)!,
    ...(meta.updated_date ? { modified: isoDate(meta.updated_date)! } : {}),
    author: rule.author.join(', '),
    targets: [],
    origin: { type: 'elastic', file },
    ...(elastic.deprecated ? { deprecated: true } : {}),
    ...(elastic.buildingBlock ? { buildingBlock: true } : {}),
    ...splitReferences(rule.references ?? []),
    falsepositives: rule.false_positives ?? [],
    authors: rule.author,
    ...(rule.license ? { license: rule.license } : {}),
    indices: rule.index ?? [],
    schedule: { interval: elastic.interval, lookback: elastic.lookback, max_alerts: elastic.maxAlerts },
    detection: await detectionOf(rule),
    native: [],
    conversions: [],
    tests: [],
    fields: [],
    guide: null,
    ...(note ? { markdownGuide: note } : {}),
    elastic,
  }
  return { detail, diagnostics, idLocation: at(/^\s*rule_id\s*=/) }
}
