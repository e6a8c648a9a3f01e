import bundled from './data/enterprise-attack.json'
import type { CompactAttackData, Tactic, Technique } from './types'
import { tacticUrl, techniqueUrl } from './urls'

/** Lookups over one ATT&CK release. Build one with `createAttack`, or use the bundled `attack`. */
export interface Attack {
  /** ATT&CK release, e.g. `18.1`. */
  readonly version: string
  readonly domain: string
  /** Tactics in matrix order. */
  readonly tactics: readonly Tactic[]
  /** Every technique and sub-technique, revoked and deprecated ones included, sorted by id. */
  readonly techniques: readonly Technique[]
  /** By shortname (`lateral-movement`, `lateral_movement`), id (`TA0008`) or name (`Lateral Movement`), any case. */
  tactic(key: string): Tactic | undefined
  /** By id (`T1021.003`), any case. */
  technique(id: string): Technique | undefined
  /** Sub-techniques of a technique, sorted by id. */
  subtechniques(id: string): readonly Technique[]
}

/** Normalise a tactic key: `Lateral_Movement`, `lateral movement` → `lateral-movement`. */
export function tacticKey(key: string): string {
  return key.trim().toLowerCase().replace(/[\s_]+/g, '-')
}

export function createAttack(data: CompactAttackData): Attack {
  const tactics: Tactic[] = data.tactics.map((t) => ({
    id: t.id,
    shortname: t.shortname,
    name: t.name,
    description: t.description,
    url: tacticUrl(t.id),
  }))
  const techniques: Technique[] = data.techniques.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    parent: t.parent,
    tactics: t.tactics,
    platforms: t.platforms,
    url: techniqueUrl(t.id),
    revoked: t.revoked,
    deprecated: t.deprecated,
    replacedBy: t.revoked ? (t.revoked_by_final ?? t.revoked_by ?? null) : null,
  }))

  const tacticIndex = new Map<string, Tactic>()
  for (const t of tactics) {
    for (const key of [t.shortname, t.id, t.name]) tacticIndex.set(tacticKey(key), t)
  }
  const techniqueIndex = new Map(techniques.map((t) => [t.id, t]))
  const children = new Map<string, Technique[]>()
  for (const t of techniques) {
    if (t.parent === null) continue
    const list = children.get(t.parent) ?? []
    list.push(t)
    children.set(t.parent, list)
  }

  return Object.freeze({
    version: data.version,
    domain: data.domain,
    tactics,
    techniques,
    tactic: (key: string) => tacticIndex.get(tacticKey(key)),
    technique: (id: string) => techniqueIndex.get(id.trim().toUpperCase()),
    subtechniques: (id: string) => children.get(id.trim().toUpperCase()) ?? [],
  })
}

/** The ATT&CK release bundled with the project (`data/enterprise-attack.json`). */
export const attack: Attack = createAttack(bundled as CompactAttackData)
