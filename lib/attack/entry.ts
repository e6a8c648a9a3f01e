import type { Attack } from './attack-data'
import type { ObjectKind } from './urls'
import { tacticUrl, TACTICS_INDEX_URL, techniqueUrl } from './urls'

/** A link to one ATT&CK object, with its name when the data knows it. */
export interface AttackRef {
  readonly id: string
  readonly name?: string
  readonly url: string
}

/**
 * One resolved ATT&CK reference (a Sigma tag or an Elastic threat item). Nothing is dropped:
 * an id the data does not know keeps `known: false`, its id and a link.
 */
export type AttackEntry =
  | {
      readonly kind: 'tactic'
      /** The reference as written, e.g. `attack.lateral_movement` or `TA0008`. */
      readonly source: string
      readonly known: boolean
      /** `TA0008`; an unknown tactic has no id. */
      readonly id?: string
      /** `lateral-movement` */
      readonly shortname: string
      readonly name?: string
      readonly description?: string
      readonly url: string
    }
  | {
      readonly kind: 'technique'
      readonly source: string
      readonly known: boolean
      /** `T1021.003` */
      readonly id: string
      readonly name?: string
      readonly description?: string
      readonly url: string
      /** Tactic shortnames the technique belongs to (empty when unknown). */
      readonly tactics: readonly string[]
      /** The parent of a sub-technique. */
      readonly parent?: AttackRef
      readonly revoked: boolean
      readonly deprecated: boolean
      /** The technique that replaces a revoked one. */
      readonly replacedBy?: AttackRef
    }
  | {
      readonly kind: ObjectKind
      readonly source: string
      /** Groups, software and other objects are not in the technique table: kept as written. */
      readonly known: false
      readonly id: string
      readonly url: string
    }

export type TechniqueEntry = Extract<AttackEntry, { kind: 'technique' }>
export type TacticEntry = Extract<AttackEntry, { kind: 'tactic' }>

export type AttackDiagnosticCode =
  | 'attack-malformed-tag'
  | 'attack-tag-case'
  | 'attack-unknown-tactic'
  | 'attack-unknown-technique'
  | 'attack-revoked-technique'
  | 'attack-deprecated-technique'
  | 'attack-name-mismatch'
  | 'attack-subtechnique-parent'
  | 'attack-missing-id'

/** A problem with one reference. `path` is relative to the input, e.g. `[3]` or `[0, 'technique', 1]`. */
export interface AttackDiagnostic {
  readonly severity: 'error' | 'warning'
  readonly code: AttackDiagnosticCode
  readonly message: string
  /** The reference as written. */
  readonly source: string
  readonly path: readonly (string | number)[]
}

export interface AttackResolution {
  readonly entries: readonly AttackEntry[]
  readonly diagnostics: readonly AttackDiagnostic[]
}

type Report = (code: AttackDiagnosticCode, message: string, severity?: 'error' | 'warning') => void

function ref(attack: Attack, id: string): AttackRef {
  const t = attack.technique(id)
  return t ? { id: t.id, name: t.name, url: t.url } : { id, url: techniqueUrl(id) }
}

/** Resolve a technique id (already upper-case `T1234[.567]`), reporting unknown, revoked and deprecated ones. */
export function techniqueEntry(attack: Attack, id: string, source: string, report: Report): TechniqueEntry {
  const parentId = id.includes('.') ? id.slice(0, id.indexOf('.')) : undefined
  const parent = parentId === undefined ? undefined : ref(attack, parentId)
  const t = attack.technique(id)
  if (!t) {
    const hint = parent?.name ? ` (its parent ${parent.id} is "${parent.name}")` : ''
    report(
      'attack-unknown-technique',
      `${id} is not in ATT&CK ${attack.version}${hint}; kept and linked to ${techniqueUrl(id)}`,
    )
    return { kind: 'technique', source, known: false, id, url: techniqueUrl(id), tactics: [], parent, revoked: false, deprecated: false }
  }
  const replacedBy = t.replacedBy === null ? undefined : ref(attack, t.replacedBy)
  if (t.revoked) {
    report(
      'attack-revoked-technique',
      replacedBy
        ? `${t.id} "${t.name}" is revoked in ATT&CK ${attack.version}: use ${replacedBy.id}${replacedBy.name ? ` "${replacedBy.name}"` : ''}`
        : `${t.id} "${t.name}" is revoked in ATT&CK ${attack.version} and MITRE names no replacement`,
    )
  } else if (t.deprecated) {
    report(
      'attack-deprecated-technique',
      `${t.id} "${t.name}" is deprecated in ATT&CK ${attack.version} and has no replacement: map the rule to a current technique`,
    )
  }
  return {
    kind: 'technique',
    source,
    known: true,
    id: t.id,
    name: t.name,
    description: t.description,
    url: t.url,
    tactics: t.tactics,
    parent,
    revoked: t.revoked,
    deprecated: t.deprecated,
    replacedBy,
  }
}

/** Resolve a tactic by shortname, id or name, reporting an unknown one. */
export function tacticEntry(attack: Attack, key: string, source: string, report: Report): TacticEntry {
  const t = attack.tactic(key)
  if (!t) {
    const isId = /^TA\d{4}$/i.test(key)
    const shortname = isId ? key.toUpperCase() : key.toLowerCase().replace(/[\s_]+/g, '-')
    report(
      'attack-unknown-tactic',
      `tactic "${shortname}" is not in ATT&CK ${attack.version} (a newer release?); kept and linked to the tactics list`,
    )
    return isId
      ? { kind: 'tactic', source, known: false, id: shortname, shortname, url: tacticUrl(shortname) }
      : { kind: 'tactic', source, known: false, shortname, url: TACTICS_INDEX_URL }
  }
  return { kind: 'tactic', source, known: true, id: t.id, shortname: t.shortname, name: t.name, description: t.description, url: t.url }
}
