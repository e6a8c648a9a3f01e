/**
 * A catalog of about 5,000 rules for the site benchmark, from the metadata of the
 * shared corpora (SigmaHQ YAML and Elastic TOML under `../shared/corpus`): real
 * titles, descriptions, tags, log sources and severities, as rule summaries. It
 * feeds the same search-data builder as the real build; it is not a site build
 * (issue 7 builds the corpora for real). Slugs are the rule files' names.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { parseAllDocuments } from 'yaml'
import { attack, matrix } from '../../lib/attack'
import type { ManifestIndex, RuleSummary, TargetSummary } from '../../lib/catalog/manifest-types'
import { logsourceSlug } from '../../lib/catalog/logsource'

const LEVELS = new Set(['informational', 'low', 'medium', 'high', 'critical'])

function files(dir: string, ext: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name)
      if (e.isDirectory()) walk(full)
      else if (e.name.endsWith(ext)) out.push(full)
    }
  }
  walk(dir)
  return out
}

const slugify = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80)

function attackOf(tags: readonly string[]): { tactics: string[]; techniques: string[] } {
  const shortnames = new Set(matrix().tactics.map((t) => t.shortname))
  const tactics: string[] = []
  const techniques: string[] = []
  for (const tag of tags) {
    const name = tag.toLowerCase().replace(/^attack\./, '')
    if (!tag.toLowerCase().startsWith('attack.')) continue
    if (/^t\d{4}(\.\d{3})?$/.test(name)) techniques.push(name.toUpperCase())
    else if (shortnames.has(name.replace(/_/g, '-'))) tactics.push(name.replace(/_/g, '-'))
  }
  return { tactics: [...new Set(tactics)], techniques: [...new Set(techniques)] }
}

function sigmaRules(dir: string, targets: readonly string[]): RuleSummary[] {
  const out: RuleSummary[] = []
  for (const file of files(dir, '.yml')) {
    const doc = parseAllDocuments(readFileSync(file, 'utf8'))[0]
    const r = (Array.isArray(doc) ? null : doc?.toJS()) as Record<string, any> | null
    if (!r?.title || !r.id) continue
    const logsource = { ...(r.logsource?.product ? { product: String(r.logsource.product) } : {}), ...(r.logsource?.category ? { category: String(r.logsource.category) } : {}), ...(r.logsource?.service ? { service: String(r.logsource.service) } : {}) }
    const date = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.replace(/\//g, '-') : undefined)
    const { tactics, techniques } = attackOf(Array.isArray(r.tags) ? r.tags.map(String) : [])
    const created = date(r.date)
    const modified = date(r.modified)
    out.push({
      slug: slugify(path.basename(file, '.yml')),
      id: String(r.id),
      title: String(r.title),
      description: String(r.description ?? ''),
      severity: LEVELS.has(r.level) ? r.level : 'medium',
      ...(r.status ? { status: String(r.status) } : {}),
      kind: r.correlation ? 'correlation' : 'sigma',
      tactics,
      techniques,
      logsource,
      logsourceSlug: logsourceSlug(logsource),
      ...(created ? { date: created } : {}),
      ...(modified ? { modified } : {}),
      ...(r.author ? { author: String(r.author) } : {}),
      targets,
    })
  }
  return out
}

function elasticRules(dir: string): RuleSummary[] {
  const out: RuleSummary[] = []
  for (const file of files(dir, '.toml')) {
    let t: Record<string, any>
    try {
      t = parseToml(readFileSync(file, 'utf8')) as Record<string, any>
    } catch {
      continue
    }
    const rule = t.rule ?? {}
    if (!rule.name || !rule.rule_id) continue
    const tactics: string[] = []
    const techniques: string[] = []
    for (const threat of rule.threat ?? []) {
      const tactic = attack.tactic(String(threat.tactic?.name ?? threat.tactic?.id ?? ""))
      const shortname = tactic?.shortname ?? String(threat.tactic?.name ?? '').toLowerCase().replace(/\s+/g, '-')
      if (shortname) tactics.push(shortname)
      for (const te of threat.technique ?? []) {
        techniques.push(String(te.id))
        for (const sub of te.subtechnique ?? []) techniques.push(String(sub.id))
      }
    }
    const date = (v: unknown) => (typeof v === 'string' ? v.replace(/\//g, '-') : undefined)
    const created = date(t.metadata?.creation_date)
    const modified = date(t.metadata?.updated_date)
    out.push({
      slug: slugify(path.basename(file, '.toml')),
      id: String(rule.rule_id),
      title: String(rule.name),
      description: String(rule.description ?? '').trim(),
      severity: LEVELS.has(rule.severity) ? rule.severity : 'medium',
      riskScore: Number(rule.risk_score ?? 0),
      status: t.metadata?.maturity === 'deprecated' ? 'deprecated' : 'stable',
      kind: 'native',
      ruleType: String(rule.type ?? 'query'),
      tactics: [...new Set(tactics)],
      techniques: [...new Set(techniques)],
      logsource: null,
      logsourceSlug: null,
      ...(created ? { date: created } : {}),
      ...(modified ? { modified } : {}),
      targets: [],
      ...(Array.isArray(rule.author) ? { author: rule.author.join(', ') } : {}),
    })
  }
  return out
}

/** The first `count` rules of both corpora (Sigma first), with the given catalog's targets, as a manifest index. */
export function corpusCatalog(
  shared: string,
  base: Pick<ManifestIndex, 'tactics' | 'techniques' | 'targets'>,
  count = 5000,
): Pick<ManifestIndex, 'rules' | 'tactics' | 'techniques' | 'targets'> {
  const targetIds = base.targets.map((t: TargetSummary) => t.id)
  const rules = [
    ...sigmaRules(path.join(shared, 'corpus/sigma/rules'), targetIds),
    ...elasticRules(path.join(shared, 'corpus/elastic/rules')),
  ].slice(0, count)
  const techniques: Record<string, ManifestIndex['techniques'][string]> = { ...base.techniques }
  for (const id of new Set(rules.flatMap((r) => r.techniques)))
    if (!techniques[id]) {
      const t = attack.technique(id)
      techniques[id] = { id, name: t?.name ?? id, description: '', url: '', known: Boolean(t), parent: null, tactics: [], rules: [] }
    }
  return { rules, tactics: base.tactics, techniques, targets: base.targets }
}
