import { shortDescription } from './description'
import type { CompactAttackData, CompactTactic, CompactTechnique } from './types'

/** The parts of a STIX 2.x object that the importer reads. */
interface StixObject {
  readonly type?: unknown
  readonly id?: unknown
  readonly name?: unknown
  readonly description?: unknown
  readonly modified?: unknown
  readonly spec_version?: unknown
  readonly revoked?: unknown
  readonly x_mitre_deprecated?: unknown
  readonly x_mitre_domains?: unknown
  readonly x_mitre_platforms?: unknown
  readonly x_mitre_shortname?: unknown
  readonly x_mitre_version?: unknown
  readonly kill_chain_phases?: unknown
  readonly external_references?: unknown
  readonly tactic_refs?: unknown
  readonly relationship_type?: unknown
  readonly source_ref?: unknown
  readonly target_ref?: unknown
}

export interface ImportDiagnostic {
  readonly severity: 'error' | 'warning'
  readonly message: string
}

export interface ImportOptions {
  /** Written to `source`, e.g. the bundle's file name and release. Defaults to the bundle id. */
  readonly source?: string
  /** ATT&CK release when the bundle has no x-mitre-collection object. */
  readonly version?: string
}

export interface ImportResult {
  /** Undefined when an error made the table impossible (no matrix, not a bundle). */
  readonly data?: CompactAttackData
  readonly diagnostics: readonly ImportDiagnostic[]
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/** The ATT&CK reference of an object: `{ external_id: 'T1021.003', url }` from `source_name: mitre-attack`. */
function mitreReference(o: StixObject): { id: string; url: string } | undefined {
  if (!Array.isArray(o.external_references)) return undefined
  for (const r of o.external_references as { source_name?: unknown; external_id?: unknown; url?: unknown }[]) {
    if (r?.source_name === 'mitre-attack' && typeof r.external_id === 'string') {
      return { id: r.external_id, url: str(r.url) ?? '' }
    }
  }
  return undefined
}

/**
 * Build the compact ATT&CK table (`data/enterprise-attack.json`'s shape) from one of MITRE's STIX 2.x
 * bundles (e.g. `enterprise-attack-18.1.json` from mitre-attack/attack-stix-data): tactics from the
 * x-mitre-matrix's `tactic_refs` order, techniques from attack-pattern objects, `revoked` and
 * `x_mitre_deprecated` flags, replacements from `revoked-by` relationships (followed to the end of
 * the chain). Never throws; every problem is a diagnostic.
 */
export function compactFromStix(bundle: unknown, options: ImportOptions = {}): ImportResult {
  const diagnostics: ImportDiagnostic[] = []
  const error = (message: string): ImportResult => ({ diagnostics: [...diagnostics, { severity: 'error', message }] })
  const warn = (message: string) => diagnostics.push({ severity: 'warning', message })

  const objects = (bundle as { objects?: unknown })?.objects
  if ((bundle as { type?: unknown })?.type !== 'bundle' || !Array.isArray(objects)) {
    return error('not a STIX bundle: expected {"type": "bundle", "objects": [...]}')
  }
  const all = objects.filter((o): o is StixObject => typeof o === 'object' && o !== null)
  const byStixId = new Map(all.filter((o) => typeof o.id === 'string').map((o) => [o.id as string, o]))

  const matrices = all.filter((o) => o.type === 'x-mitre-matrix' && o.revoked !== true && o.x_mitre_deprecated !== true)
  const matrix = matrices[0]
  if (!matrix) return error('the bundle has no x-mitre-matrix object, so the tactic order is unknown')
  if (matrices.length > 1) warn(`the bundle has ${matrices.length} matrices; using "${str(matrix.name) ?? str(matrix.id)}"`)
  const domain = mitreReference(matrix)?.id ?? 'enterprise-attack'

  const tactics: CompactTactic[] = []
  for (const ref of strings(matrix.tactic_refs)) {
    const t = byStixId.get(ref)
    const mitre = t && mitreReference(t)
    if (!t || t.type !== 'x-mitre-tactic' || !mitre || typeof t.x_mitre_shortname !== 'string') {
      warn(`the matrix refers to ${ref}, which is not an x-mitre-tactic with an ATT&CK id in the bundle; skipped`)
      continue
    }
    tactics.push({
      id: mitre.id,
      shortname: t.x_mitre_shortname,
      name: str(t.name) ?? mitre.id,
      description: shortDescription(str(t.description)),
      url: mitre.url,
    })
  }

  const patterns = new Map<string, { stixId: string; object: StixObject; id: string; url: string }>()
  for (const o of all) {
    if (o.type !== 'attack-pattern') continue
    const domains = strings(o.x_mitre_domains)
    if (Array.isArray(o.x_mitre_domains) && !domains.includes(domain)) continue
    const mitre = mitreReference(o)
    if (!mitre) {
      warn(`attack-pattern ${str(o.id) ?? '(no id)'} "${str(o.name) ?? ''}" has no mitre-attack external id; skipped`)
      continue
    }
    const previous = patterns.get(mitre.id)
    if (previous && previous.object.revoked !== true) {
      warn(`${mitre.id} appears twice (${previous.stixId}, ${str(o.id)}); keeping the first one that is not revoked`)
      continue
    }
    patterns.set(mitre.id, { stixId: str(o.id) ?? '', object: o, ...mitre })
  }

  const revokedBy = new Map<string, string>()
  for (const o of all) {
    if (o.type !== 'relationship' || o.relationship_type !== 'revoked-by') continue
    const source = typeof o.source_ref === 'string' ? byStixId.get(o.source_ref) : undefined
    const target = typeof o.target_ref === 'string' ? byStixId.get(o.target_ref) : undefined
    const from = source && mitreReference(source)?.id
    const to = target && mitreReference(target)?.id
    if (from && to) revokedBy.set(from, to)
  }
  const finalReplacement = (id: string): string => {
    const seen = new Set([id])
    let current = id
    for (let next = revokedBy.get(current); next !== undefined && !seen.has(next); next = revokedBy.get(current)) {
      seen.add(next)
      current = next
    }
    return current
  }

  const techniques: CompactTechnique[] = [...patterns.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ object: o, id, url }) => {
      const revoked = o.revoked === true
      const phases = Array.isArray(o.kill_chain_phases)
        ? (o.kill_chain_phases as { kill_chain_name?: unknown; phase_name?: unknown }[])
            .filter((p) => p?.kill_chain_name === 'mitre-attack' && typeof p.phase_name === 'string')
            .map((p) => p.phase_name as string)
        : []
      const technique: CompactTechnique = {
        id,
        name: str(o.name) ?? id,
        parent: id.includes('.') ? id.slice(0, id.indexOf('.')) : null,
        tactics: phases,
        platforms: strings(o.x_mitre_platforms),
        url,
        deprecated: o.x_mitre_deprecated === true,
        revoked,
        description: shortDescription(str(o.description)),
      }
      if (!revoked) return technique
      const direct = revokedBy.get(id) ?? null
      if (direct === null) warn(`${id} is revoked but no revoked-by relationship names its replacement`)
      return { ...technique, revoked_by: direct, revoked_by_final: direct === null ? null : finalReplacement(id) }
    })
  if (techniques.length === 0) warn('the bundle has no attack-pattern objects for this domain')

  const collection = all.find((o) => o.type === 'x-mitre-collection')
  const version = str(collection?.x_mitre_version) ?? options.version
  if (version === undefined) warn('no x-mitre-collection object gives the ATT&CK release; version set to "unknown" (pass --attack-version)')
  const specVersion = str(matrix.spec_version) ?? str((bundle as { spec_version?: unknown }).spec_version) ?? '2.x'

  return {
    data: {
      version: version ?? 'unknown',
      domain,
      source: options.source ?? `STIX bundle ${str((bundle as { id?: unknown }).id) ?? '(no id)'}`,
      spec: `STIX ${specVersion} bundle (attack-pattern, x-mitre-tactic, x-mitre-matrix, relationship)`,
      matrix_modified: str(matrix.modified) ?? '',
      tactics,
      techniques,
    },
    diagnostics,
  }
}

/** The compact table as written to disk: one-space indentation and a final newline, like the bundled file. */
export function serializeCompact(data: CompactAttackData): string {
  return `${JSON.stringify(data, null, 1)}\n`
}
