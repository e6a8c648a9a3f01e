import type { KibanaRuleImport } from './kibana-rule-schema'
import { descriptionOf, levelOf, resolveSchedule, riskScoreOf } from './rule-facts'
import { stableUuid } from './stable-id'
import type { FormatInput, FormatResult, OutputFormat, ThreatEntry } from './types'

/** Query language → Kibana rule type and language. */
const RULE_KIND = {
  lucene: { type: 'query', language: 'lucene' },
  kuery: { type: 'query', language: 'kuery' },
  eql: { type: 'eql', language: 'eql' },
  esql: { type: 'esql', language: 'esql' },
} as const

/**
 * An Elastic Security detection rule as one line of the NDJSON file that
 * Kibana's rule import takes (Security → Rules → Import). Imported disabled,
 * so that a rule is reviewed before it runs.
 */
export function renderKibanaNdjson(input: FormatInput): FormatResult {
  const kind = RULE_KIND[input.language as keyof typeof RULE_KIND]
  if (!kind) return { ok: false, code: 'format-language', reason: `Kibana detection rules take lucene, kuery, eql or esql queries, not ${input.language}` }
  const schedule = resolveSchedule(input)
  if ('ok' in schedule) return schedule
  const { rule } = input
  const warnings: string[] = []
  const level = levelOf(input)
  const indices = input.dataSource.index ?? []
  if (kind.type !== 'esql' && indices.length === 0) warnings.push("the pipeline names no index pattern: Kibana uses the space's default security indices")
  const body = {
    rule_id: rule.id ?? stableUuid(rule.title),
    name: rule.title,
    description: descriptionOf(input),
    risk_score: riskScoreOf(input),
    severity: level === 'informational' ? 'low' : level,
    type: kind.type,
    language: kind.language,
    query: input.query,
    ...(kind.type !== 'esql' && indices.length > 0 ? { index: [...indices] } : {}),
    interval: schedule.interval.text,
    from: `now-${schedule.lookback.text}`,
    to: 'now',
    max_signals: schedule.maxAlerts,
    enabled: false,
    version: 1,
    author: rule.author ? [rule.author] : [],
    ...(rule.license ? { license: rule.license } : {}),
    false_positives: [...rule.falsepositives],
    references: [...rule.references],
    tags: [...rule.tags],
    threat: input.threat.map(kibanaThreat),
    ...(input.fields.length > 0 ? { investigation_fields: { field_names: [...input.fields] } } : {}),
  } as KibanaRuleImport
  return { ok: true, text: `${JSON.stringify(body)}\n`, warnings }
}

function kibanaThreat(entry: ThreatEntry) {
  return {
    framework: 'MITRE ATT&CK' as const,
    tactic: { ...entry.tactic },
    technique: entry.techniques.map(({ subtechniques, ...technique }) => ({
      ...technique,
      ...(subtechniques.length > 0 ? { subtechnique: subtechniques.map((sub) => ({ ...sub })) } : {}),
    })),
  }
}

export const kibanaNdjson: OutputFormat = {
  id: 'kibana-ndjson',
  label: 'Elastic Security detection rule (NDJSON import)',
  languages: Object.keys(RULE_KIND),
  extension: 'ndjson',
  render: renderKibanaNdjson,
}
