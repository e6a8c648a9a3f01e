import { attack as bundled, type Attack } from './attack-data'
import type { AttackEntry, TacticEntry, TechniqueEntry } from './entry'
import { TACTICS_INDEX_URL } from './urls'

/** One chip row on a rule page: tactic → technique → sub-techniques. */
export interface TacticGroup {
  readonly tactic: TacticEntry
  readonly techniques: readonly { readonly technique: TechniqueEntry; readonly subtechniques: readonly TechniqueEntry[] }[]
}

/**
 * Arrange a rule's resolved entries as tactic → technique → sub-technique, in matrix order.
 * A technique goes under the rule's own tactics that it belongs to; if none of them fits, under all
 * its ATT&CK tactics; an unknown technique goes under the rule's unknown tactics (a newer ATT&CK
 * release), or under an "unknown tactic" group. A sub-technique without its parent in the list
 * gets the parent (named from the data) as its technique.
 */
export function groupByTactic(entries: readonly AttackEntry[], attack: Attack = bundled): TacticGroup[] {
  const tactics = new Map<string, TacticEntry>()
  for (const e of entries) if (e.kind === 'tactic' && !tactics.has(e.shortname)) tactics.set(e.shortname, e)
  const declared = [...tactics.keys()]
  const unknownDeclared = [...tactics.values()].filter((t) => !t.known).map((t) => t.shortname)

  const groups = new Map<string, Map<string, { technique: TechniqueEntry; subtechniques: TechniqueEntry[] }>>()
  const place = (shortname: string, technique: TechniqueEntry, sub?: TechniqueEntry) => {
    if (!tactics.has(shortname)) {
      const t = attack.tactic(shortname)
      tactics.set(
        shortname,
        t
          ? { kind: 'tactic', source: shortname, known: true, ...t }
          : { kind: 'tactic', source: shortname, known: false, shortname, url: TACTICS_INDEX_URL },
      )
    }
    const row = groups.get(shortname) ?? new Map()
    groups.set(shortname, row)
    const cell = row.get(technique.id) ?? { technique, subtechniques: [] }
    row.set(technique.id, cell)
    if (sub && !cell.subtechniques.some((s: TechniqueEntry) => s.id === sub.id)) cell.subtechniques.push(sub)
  }
  const tacticsFor = (t: TechniqueEntry): string[] => {
    if (!t.known) return unknownDeclared.length > 0 ? unknownDeclared : ['unknown']
    const mine = t.tactics.filter((s) => declared.includes(s))
    return mine.length > 0 ? mine : [...t.tactics]
  }

  const techniques = entries.filter((e): e is TechniqueEntry => e.kind === 'technique')
  const byId = new Map(techniques.map((t) => [t.id, t]))
  for (const t of techniques) {
    if (t.parent === undefined) {
      for (const s of tacticsFor(t)) place(s, t)
      continue
    }
    const parent: TechniqueEntry = byId.get(t.parent.id) ?? {
      kind: 'technique',
      source: t.parent.id,
      known: t.parent.name !== undefined,
      id: t.parent.id,
      name: t.parent.name,
      url: t.parent.url,
      tactics: attack.technique(t.parent.id)?.tactics ?? [],
      revoked: false,
      deprecated: false,
    }
    for (const s of tacticsFor(t.known ? t : parent)) place(s, parent, t)
  }
  for (const shortname of declared) if (!groups.has(shortname)) groups.set(shortname, new Map())

  const order = (s: string) => {
    const i = attack.tactics.findIndex((t) => t.shortname === s)
    return i < 0 ? attack.tactics.length : i
  }
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([shortname, row]) => ({
      tactic: tactics.get(shortname)!,
      techniques: [...row.values()].map((c) => ({ ...c, subtechniques: c.subtechniques.sort((a, b) => a.id.localeCompare(b.id)) })),
    }))
}
