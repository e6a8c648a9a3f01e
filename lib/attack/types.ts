/**
 * The compact ATT&CK table stored in `data/enterprise-attack.json`: the shape that
 * `atlas attack import` writes, so an import is a drop-in replacement.
 */
export interface CompactTactic {
  /** `TA0008` */
  readonly id: string
  /** `lateral-movement`: the kill-chain phase name techniques refer to. */
  readonly shortname: string
  readonly name: string
  /** First sentence of MITRE's description. */
  readonly description: string
  /** MITRE's own link, e.g. `https://attack.mitre.org/tactics/TA0008`. */
  readonly url: string
}

export interface CompactTechnique {
  /** `T1021` or `T1021.003` */
  readonly id: string
  readonly name: string
  /** The id before the dot for a sub-technique, else null. */
  readonly parent: string | null
  /** Tactic shortnames (kill-chain phase names), in MITRE's order. */
  readonly tactics: readonly string[]
  readonly platforms: readonly string[]
  readonly url: string
  readonly deprecated: boolean
  readonly revoked: boolean
  readonly description: string
  /** Revoked objects only: the direct `revoked-by` target (null when MITRE gives none). */
  readonly revoked_by?: string | null
  /** Revoked objects only: the end of the `revoked-by` chain. */
  readonly revoked_by_final?: string | null
}

export interface CompactAttackData {
  /** ATT&CK release, e.g. `18.1`. */
  readonly version: string
  readonly domain: string
  /** Where the data came from (repository and commit, or bundle file). */
  readonly source: string
  /** Which STIX files were read. */
  readonly spec: string
  /** `modified` of the x-mitre-matrix object. */
  readonly matrix_modified: string
  /** In matrix order. */
  readonly tactics: readonly CompactTactic[]
  /** Sorted by id: a technique, then its sub-techniques. */
  readonly techniques: readonly CompactTechnique[]
}

/** A tactic as the rest of the project sees it. */
export interface Tactic {
  readonly id: string
  readonly shortname: string
  readonly name: string
  readonly description: string
  /** `https://attack.mitre.org/tactics/TA0008/` */
  readonly url: string
}

/** A technique or sub-technique as the rest of the project sees it. */
export interface Technique {
  readonly id: string
  readonly name: string
  readonly description: string
  /** Parent technique id for a sub-technique, else null. */
  readonly parent: string | null
  /** Tactic shortnames. */
  readonly tactics: readonly string[]
  readonly platforms: readonly string[]
  /** `https://attack.mitre.org/techniques/T1021/003/` */
  readonly url: string
  readonly revoked: boolean
  readonly deprecated: boolean
  /** For a revoked technique: the id that finally replaces it (end of the revoked-by chain), else null. */
  readonly replacedBy: string | null
}
