import { attack as bundled, type Attack } from './attack-data'
import type { Tactic, Technique } from './types'

export interface MatrixTechnique extends Technique {
  /** Active sub-techniques that belong to this column's tactic, sorted by id. */
  readonly subtechniques: readonly Technique[]
}

export interface MatrixColumn extends Tactic {
  /** Active techniques of the tactic, sorted by name as on attack.mitre.org. */
  readonly techniques: readonly MatrixTechnique[]
}

export interface Matrix {
  readonly version: string
  readonly domain: string
  /** Tactic columns in matrix order. */
  readonly tactics: readonly MatrixColumn[]
}

const active = (t: Technique) => !t.revoked && !t.deprecated

/**
 * The Enterprise matrix for the site's `/tactics/` page: tactic columns in matrix order, each with its
 * active techniques and their sub-techniques. A technique in several tactics appears in each column.
 */
export function matrix(attack: Attack = bundled): Matrix {
  return {
    version: attack.version,
    domain: attack.domain,
    tactics: attack.tactics.map((tactic) => ({
      ...tactic,
      techniques: attack.techniques
        .filter((t) => t.parent === null && active(t) && t.tactics.includes(tactic.shortname))
        .map((t) => ({
          ...t,
          subtechniques: attack.subtechniques(t.id).filter((s) => active(s) && s.tactics.includes(tactic.shortname)),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en')),
    })),
  }
}
