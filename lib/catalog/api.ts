import type { ManifestIndex, RuleDetail } from './manifest-types'
import type { ApiRule, ApiRules } from './schemas/api'

/**
 * A rule as the JSON API publishes it: metadata, ATT&CK, the detection and every
 * target's query. `formats` picks which conversions to include: all of them
 * (`/api/rules/<slug>.json`), or only the plain queries (`/api/rules.json`, which
 * would otherwise carry a Watcher and an NDJSON document per rule and pipeline).
 */
export function apiRule(d: RuleDetail, formats: 'all' | 'queries' = 'all'): ApiRule {
  const chip = (c: RuleDetail['attack'][number]['tactic']) => ({ id: c.id, url: c.url, known: c.known, ...(c.name ? { name: c.name } : {}) })
  return {
    id: d.id,
    slug: d.slug,
    url: `/rules/${d.slug}/`,
    title: d.title,
    description: d.description,
    severity: d.severity,
    ...(d.riskScore !== undefined ? { risk_score: d.riskScore } : {}),
    ...(d.status ? { status: d.status } : {}),
    ...(d.deprecated ? { deprecated: true } : {}),
    ...(d.buildingBlock ? { building_block: true } : {}),
    kind: d.kind,
    ...(d.ruleType ? { rule_type: d.ruleType } : {}),
    logsource: d.logsource,
    ...(d.date ? { date: d.date } : {}),
    ...(d.modified ? { modified: d.modified } : {}),
    authors: [...d.authors],
    // The API keeps every reference as data (links first); pages render only `references` as links.
    references: [...d.references, ...d.textReferences],
    falsepositives: [...d.falsepositives],
    attack: d.attack.map((g) => ({
      tactic: chip(g.tactic),
      techniques: g.techniques.map((t) => ({ technique: chip(t.technique), subtechniques: t.subtechniques.map(chip) })),
    })),
    detection: { language: d.detection.language, text: d.detection.text },
    queries: d.conversions.filter((c) => formats === 'all' || c.format === 'default' || c.format === '').map((c) => ({
      target: c.target,
      pipeline: c.pipeline,
      format: c.format,
      ok: c.ok,
      ...(c.query !== undefined ? { query: c.query } : {}),
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      // The API's v1 shape: each message once (the manifest keeps their locations).
      warnings: [...new Set(c.warnings.map((w) => w.message))],
    })),
  }
}

export function apiRules(index: ManifestIndex, details: readonly RuleDetail[]): ApiRules {
  return {
    version: 1,
    attack_version: index.attackVersion,
    targets: index.targets.map((t) => ({ ...t, pipelines: [...t.pipelines], formats: [...t.formats] })),
    rules: details.map((d) => apiRule(d, 'queries')),
  }
}
