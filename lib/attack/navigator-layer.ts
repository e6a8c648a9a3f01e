import { attack as bundled, type Attack } from './attack-data'
import type { NavigatorLayer, NavigatorTechnique } from './navigator-schema'

export interface LayerLink {
  readonly label: string
  readonly url: string
}

export interface NavigatorLayerOptions {
  readonly name?: string
  readonly description?: string
  /** Gradient colours from the lowest to the highest score. */
  readonly colors?: readonly [string, string, ...string[]]
  readonly attack?: Attack
}

type ByTechnique<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>

function entriesOf<T>(value: ByTechnique<T>): [string, T][] {
  return value instanceof Map ? [...value.entries()] : Object.entries(value)
}

/**
 * An ATT&CK Navigator layer (format 4.5) that scores each technique by its number of rules and links
 * it to those rules. A technique gets one entry per tactic it belongs to. Ids that the ATT&CK data
 * does not know, or that are revoked or deprecated (Navigator cannot place them), are listed in the
 * layer's `metadata` instead of being dropped.
 */
export function navigatorLayer(
  ruleCountsByTechnique: ByTechnique<number>,
  linksByTechnique: ByTechnique<readonly LayerLink[]> = {},
  options: NavigatorLayerOptions = {},
): NavigatorLayer {
  const attack = options.attack ?? bundled
  const links = new Map(entriesOf(linksByTechnique).map(([id, l]) => [id.toUpperCase(), l]))
  const counts = entriesOf(ruleCountsByTechnique)
    .map(([id, n]) => [id.toUpperCase(), n] as const)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
  const scored = new Set(counts.map(([id]) => id))

  const techniques: NavigatorTechnique[] = []
  const unplaced: string[] = []
  for (const [id, count] of counts) {
    const t = attack.technique(id)
    if (!t || t.revoked || t.deprecated) {
      const why = !t ? 'unknown' : t.revoked ? `revoked${t.replacedBy ? `, now ${t.replacedBy}` : ''}` : 'deprecated'
      unplaced.push(`${id} (${why}): ${count} ${count === 1 ? 'rule' : 'rules'}`)
      continue
    }
    const hasScoredSubs = attack.subtechniques(t.id).some((s) => scored.has(s.id))
    for (const tactic of t.tactics) {
      techniques.push({
        techniqueID: t.id,
        tactic,
        score: count,
        comment: `${count} ${count === 1 ? 'rule' : 'rules'}`,
        enabled: true,
        links: [...(links.get(t.id) ?? [])],
        ...(hasScoredSubs ? { showSubtechniques: true } : {}),
      })
    }
  }

  const max = Math.max(1, ...counts.map(([, n]) => n))
  const colors = [...(options.colors ?? ['#dbeafe', '#1d4ed8'])]
  return {
    name: options.name ?? 'Detection Atlas coverage',
    versions: { attack: attack.version.split('.')[0] ?? attack.version, navigator: '5.2.0', layer: '4.5' },
    domain: 'enterprise-attack',
    description: options.description ?? `Techniques scored by the number of rules that detect them (ATT&CK ${attack.version}).`,
    sorting: 3,
    layout: {
      layout: 'side',
      showID: true,
      showName: true,
      showAggregateScores: false,
      countUnscored: false,
      aggregateFunction: 'sum',
      expandedSubtechniques: 'annotated',
    },
    hideDisabled: false,
    techniques,
    gradient: { colors, minValue: 0, maxValue: max },
    legendItems: [
      { label: '1 rule', color: colors[0]! },
      { label: `${max} ${max === 1 ? 'rule' : 'rules'}`, color: colors[colors.length - 1]! },
    ],
    showTacticRowBackground: false,
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    metadata: unplaced.length > 0 ? [{ name: `Not placed in ATT&CK ${attack.version}`, value: unplaced.join('; ') }] : [],
  }
}
