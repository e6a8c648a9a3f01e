import { attack as bundled, tacticKey, type Attack } from './attack-data'
import { tacticEntry, techniqueEntry, type AttackDiagnostic, type AttackEntry, type AttackResolution } from './entry'

/** One item of `technique[].subtechnique` in an Elastic rule's `threat`. */
export interface ElasticThreatItem {
  readonly id?: string
  readonly name?: string
  readonly reference?: string
}

/** One `[[rule.threat]]` table of an Elastic detection rule. */
export interface ElasticThreat {
  readonly framework?: string
  readonly tactic?: ElasticThreatItem
  readonly technique?: readonly (ElasticThreatItem & { readonly subtechnique?: readonly ElasticThreatItem[] })[]
}

type Path = readonly (string | number)[]

/**
 * Resolve Elastic-style threat mappings (`tactic {id, name}`, `technique [{id, name, subtechnique: [...]}]`).
 * Entries come out in the order written (tactic, its techniques, each followed by its sub-techniques).
 * Warns about unknown, revoked and deprecated ids, names that differ from ATT&CK's, and a sub-technique
 * listed under a technique that is not its parent. Never throws; malformed items are errors.
 */
export function resolveThreat(threats: readonly ElasticThreat[], attack: Attack = bundled): AttackResolution {
  const entries: AttackEntry[] = []
  const diagnostics: AttackDiagnostic[] = []
  const reporter =
    (source: string, path: Path) =>
    (code: AttackDiagnostic['code'], message: string, severity: 'error' | 'warning' = 'warning') =>
      diagnostics.push({ severity, code, message: `${source}: ${message}`, source, path })

  const checkName = (item: ElasticThreatItem, known: string | undefined, source: string, path: Path) => {
    if (known !== undefined && item.name !== undefined && item.name.trim() !== known) {
      reporter(source, [...path, 'name'])('attack-name-mismatch', `named "${item.name}" here but "${known}" in ATT&CK ${attack.version}`)
    }
  }
  const idOf = (item: ElasticThreatItem | undefined, path: Path, what: string): string | undefined => {
    const id = typeof item?.id === 'string' ? item.id.trim() : ''
    if (id === '') {
      reporter(item?.name ?? what, path)('attack-missing-id', `${what} without an id`, 'error')
      return undefined
    }
    return id
  }

  threats.forEach((threat, t) => {
    if (threat.framework !== undefined && !/att&ck/i.test(threat.framework)) return
    const tacticId = idOf(threat.tactic, [t, 'tactic'], 'tactic')
    if (tacticId !== undefined && threat.tactic) {
      const entry = tacticEntry(attack, tacticKey(tacticId), tacticId, reporter(tacticId, [t, 'tactic', 'id']))
      checkName(threat.tactic, entry.name, tacticId, [t, 'tactic'])
      entries.push(entry)
    }
    threat.technique?.forEach((technique, i) => {
      const path = [t, 'technique', i]
      const id = idOf(technique, path, 'technique')
      if (id === undefined) return
      if (!/^T\d{4}$/i.test(id)) {
        reporter(id, [...path, 'id'])('attack-malformed-tag', 'expected a technique id like T1021', 'error')
        return
      }
      const entry = techniqueEntry(attack, id.toUpperCase(), id, reporter(id, [...path, 'id']))
      checkName(technique, entry.name, id, path)
      entries.push(entry)
      technique.subtechnique?.forEach((sub, s) => {
        const subPath = [...path, 'subtechnique', s]
        const subId = idOf(sub, subPath, 'sub-technique')
        if (subId === undefined) return
        if (!/^T\d{4}\.\d{3}$/i.test(subId)) {
          reporter(subId, [...subPath, 'id'])('attack-malformed-tag', 'expected a sub-technique id like T1021.003', 'error')
          return
        }
        if (!subId.toUpperCase().startsWith(`${entry.id}.`)) {
          reporter(subId, [...subPath, 'id'])('attack-subtechnique-parent', `listed under ${entry.id}, which is not its parent`)
        }
        const subEntry = techniqueEntry(attack, subId.toUpperCase(), subId, reporter(subId, [...subPath, 'id']))
        checkName(sub, subEntry.name, subId, subPath)
        entries.push(subEntry)
      })
    })
  })
  return { entries, diagnostics }
}
