import { attack, attackMatrix } from './engine'
import type {
  LogSourceSummary,
  ManifestIndex,
  MatrixCell,
  RuleDetail,
  RuleSummary,
  TacticSummary,
  TargetSummary,
  TechniqueSummary,
} from './manifest-types'
import { dataSourceViews } from './data-sources'

/** Raw rule details become the index the list pages, the matrix and the search read. */
export function buildIndex(details: readonly RuleDetail[], targets: readonly TargetSummary[]): ManifestIndex {
  const rules = details.map(summarize).sort((a, b) => a.title.localeCompare(b.title, 'en'))
  return {
    version: 1,
    attackVersion: attack.version,
    targets,
    rules,
    tactics: tactics(details),
    techniques: techniques(details),
    logsources: logsources(details),
  }
}

export function summarize(d: RuleDetail): RuleSummary {
  const summary: RuleSummary = {
    slug: d.slug,
    id: d.id,
    title: d.title,
    description: d.description,
    severity: d.severity,
    kind: d.kind,
    tactics: d.tactics,
    techniques: d.techniques,
    logsource: d.logsource,
    logsourceSlug: d.logsourceSlug,
    targets: d.targets,
    ...(d.riskScore !== undefined ? { riskScore: d.riskScore } : {}),
    ...(d.status ? { status: d.status } : {}),
    ...(d.ruleType ? { ruleType: d.ruleType } : {}),
    ...(d.date ? { date: d.date } : {}),
    ...(d.modified ? { modified: d.modified } : {}),
    ...(d.author ? { author: d.author } : {}),
    ...(d.deprecated ? { deprecated: true } : {}),
    ...(d.buildingBlock ? { buildingBlock: true } : {}),
  }
  return summary
}

/** Rules per technique id, counting a sub-technique's rules for its parent too. */
function rulesByTechnique(details: readonly RuleDetail[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>()
  const add = (id: string, slug: string) => map.set(id, (map.get(id) ?? new Set()).add(slug))
  for (const d of details)
    for (const id of d.techniques) {
      add(id, d.slug)
      if (id.includes('.')) add(id.split('.')[0]!, d.slug)
    }
  return map
}

function tactics(details: readonly RuleDetail[]): TacticSummary[] {
  const byTechnique = rulesByTechnique(details)
  const count = (id: string) => byTechnique.get(id)?.size ?? 0
  const rulesOfTactic = (shortname: string) => details.filter((d) => d.tactics.includes(shortname)).length
  const known = attackMatrix().tactics.map(
    (t): TacticSummary => ({
      id: t.id,
      shortname: t.shortname,
      name: t.name,
      description: t.description,
      url: t.url,
      known: true,
      count: rulesOfTactic(t.shortname),
      techniques: t.techniques.map(
        (technique): MatrixCell => ({
          id: technique.id,
          name: technique.name,
          url: technique.url,
          count: count(technique.id),
          subtechniques: technique.subtechniques.map((s) => ({ id: s.id, name: s.name, url: s.url, count: count(s.id) })),
        }),
      ),
    }),
  )
  // Tactics a newer ATT&CK release has and this data does not: kept, listed last.
  const unknown = new Map<string, TacticSummary>()
  for (const d of details)
    for (const g of d.attack)
      if (!g.tactic.known && !unknown.has(g.tactic.shortname ?? g.tactic.id)) {
        const shortname = g.tactic.shortname ?? g.tactic.id
        unknown.set(shortname, {
          id: shortname,
          shortname,
          name: shortname.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
          description: `Not in ATT&CK ${attack.version}: a tactic of a newer release, kept as the rules wrote it.`,
          url: g.tactic.url,
          known: false,
          count: rulesOfTactic(shortname),
          techniques: [],
        })
      }
  return [...known, ...unknown.values()]
}

/** Every active technique (each has a page, so every matrix cell links somewhere) and every one a rule names. */
function techniques(details: readonly RuleDetail[]): Record<string, TechniqueSummary> {
  const byTechnique = rulesByTechnique(details)
  const chips = new Map(
    details.flatMap((d) => d.attack.flatMap((g) => g.techniques.flatMap((x) => [x.technique, ...x.subtechniques]))).map((c) => [c.id, c]),
  )
  const ids = new Set([...attack.techniques.filter((t) => !t.revoked && !t.deprecated).map((t) => t.id), ...byTechnique.keys()])
  const out: Record<string, TechniqueSummary> = {}
  for (const id of [...ids].sort()) {
    const t = attack.technique(id)
    const chip = chips.get(id)
    const slugs = byTechnique.get(id) ?? new Set<string>()
    out[id] = {
      id,
      name: t?.name ?? chip?.name ?? id,
      description: t?.description ?? `Not in ATT&CK ${attack.version}: kept as the rules wrote it.`,
      url: t?.url ?? chip?.url ?? `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`,
      known: Boolean(t),
      parent: t?.parent ?? (id.includes('.') ? id.split('.')[0]! : null),
      tactics: t?.tactics ?? [...new Set(details.filter((d) => slugs.has(d.slug)).flatMap((d) => d.tactics))],
      rules: [...slugs].sort(),
    }
  }
  return out
}

function logsources(details: readonly RuleDetail[]): LogSourceSummary[] {
  const groups = new Map<string, RuleDetail[]>()
  for (const d of details) if (d.logsourceSlug) groups.set(d.logsourceSlug, [...(groups.get(d.logsourceSlug) ?? []), d])
  return [...groups.entries()]
    .map(([slug, rules]): LogSourceSummary => {
      const fields: Record<string, number> = {}
      for (const r of rules) for (const f of r.fields) fields[f] = (fields[f] ?? 0) + 1
      const logsource = rules[0]!.logsource!
      return { slug, logsource, rules: rules.map((r) => r.slug).sort(), fields, dataSources: dataSourceViews(logsource, Object.keys(fields)) }
    })
    .sort((a, b) => a.slug.localeCompare(b.slug))
}
