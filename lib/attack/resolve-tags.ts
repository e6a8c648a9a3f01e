import { attack as bundled, type Attack } from './attack-data'
import { tacticEntry, techniqueEntry, type AttackDiagnostic, type AttackEntry, type AttackResolution } from './entry'
import { objectUrl, type ObjectKind } from './urls'

const OBJECT_PREFIX: Readonly<Record<string, ObjectKind>> = {
  g: 'group',
  s: 'software',
  c: 'campaign',
  m: 'mitigation',
  ds: 'data-source',
}

const TECHNIQUE = /^t\d{4}(?:\.\d{3})?$/
const TACTIC_ID = /^ta\d{4}$/
const OBJECT = /^(ds|g|s|c|m)\d{4}$/
const TACTIC_NAME = /^[a-z]+(?:[-_][a-z]+)*$/

/**
 * Resolve the ATT&CK tags of a Sigma rule: `attack.t1021.003`, `attack.lateral-movement`
 * (or the older `attack.lateral_movement`), `attack.ta0008`, and group/software/campaign ids
 * (`attack.g0069`, `attack.s0029`), which are kept as written with a link.
 *
 * Tags of other namespaces (`car.`, `cve.`, `detection.`, `tlp.`) are not ATT&CK's and are skipped.
 * Never throws: an id or tactic the data does not know (a newer ATT&CK release) is kept with a link and a
 * warning; a revoked or deprecated technique warns and names its replacement; a tag that cannot be an
 * ATT&CK reference at all is an error.
 */
export function resolveTags(tags: readonly unknown[], attack: Attack = bundled): AttackResolution {
  const entries: AttackEntry[] = []
  const diagnostics: AttackDiagnostic[] = []
  tags.forEach((tag, index) => {
    if (typeof tag !== 'string' || !/^attack\./i.test(tag)) return
    const report = (code: AttackDiagnostic['code'], message: string, severity: 'error' | 'warning' = 'warning') =>
      diagnostics.push({ severity, code, message: `${tag}: ${message}`, source: tag, path: [index] })
    const written = tag.slice('attack.'.length)
    const value = written.toLowerCase()
    if (value !== written) report('attack-tag-case', 'Sigma tags are lower case')

    if (TECHNIQUE.test(value)) {
      entries.push(techniqueEntry(attack, value.toUpperCase(), tag, report))
    } else if (TACTIC_ID.test(value) || TACTIC_NAME.test(value)) {
      entries.push(tacticEntry(attack, value, tag, report))
    } else if (OBJECT.test(value)) {
      const kind = OBJECT_PREFIX[value.replace(/\d+$/, '')] ?? 'group'
      const id = value.toUpperCase()
      entries.push({ kind, source: tag, known: false, id, url: objectUrl(kind, id) })
    } else {
      report(
        'attack-malformed-tag',
        'not an ATT&CK reference: expected attack.tNNNN[.NNN], attack.<tactic> (e.g. attack.lateral-movement) or attack.gNNNN/sNNNN',
        'error',
      )
    }
  })
  return { entries, diagnostics }
}
