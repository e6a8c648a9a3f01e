import { groupByTactic, resolveTags, type TacticEntry, type TechniqueEntry } from '../../attack'
import type { AttackRef, ThreatEntry } from './types'

/**
 * The ATT&CK mapping of a rule's Sigma tags, tactic → technique → sub-technique,
 * with ATT&CK's ids, names and links. Tactics without an id (unknown to the
 * bundled ATT&CK release, or a technique's unknown tactic) are left out: every
 * SIEM format needs the id. Tags that are not ATT&CK references are ignored here;
 * `atlas validate` reports them.
 */
export function threatOf(tags: readonly string[]): ThreatEntry[] {
  const entries = resolveTags(tags).entries
  return groupByTactic(entries).flatMap(({ tactic, techniques }) => {
    const tacticRef = refOf(tactic)
    if (!tacticRef) return []
    return [
      {
        tactic: tacticRef,
        techniques: techniques.flatMap(({ technique, subtechniques }) => {
          const ref = refOf(technique)
          return ref ? [{ ...ref, subtechniques: subtechniques.flatMap((sub) => refOf(sub) ?? []) }] : []
        }),
      },
    ]
  })
}

function refOf(entry: TacticEntry | TechniqueEntry): AttackRef | undefined {
  if (!entry.id) return undefined
  return { id: entry.id, name: entry.name ?? entry.id, reference: entry.url }
}
