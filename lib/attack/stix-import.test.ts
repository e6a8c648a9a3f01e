import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import bundled from './data/enterprise-attack.json'
import { compactFromStix, serializeCompact } from './stix-import'
import type { CompactAttackData } from './types'

const FIXTURES = path.join(__dirname, '__fixtures__')
const readJson = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'))

/** Turn the compact table back into STIX objects, with extra paragraphs and citations the importer must drop. */
function toStix(data: CompactAttackData): unknown {
  const stixId = (id: string) => `attack-pattern--${id.toLowerCase().replace('.', '-')}`
  const reference = (id: string, url: string) => [{ source_name: 'mitre-attack', external_id: id, url }]
  const objects: object[] = [
    { type: 'x-mitre-collection', id: 'x-mitre-collection--1', x_mitre_version: data.version },
    {
      type: 'x-mitre-matrix',
      id: 'x-mitre-matrix--1',
      spec_version: '2.1',
      modified: data.matrix_modified,
      tactic_refs: data.tactics.map((t) => `x-mitre-tactic--${t.id}`),
      external_references: reference(data.domain, ''),
    },
    ...data.tactics.map((t) => ({
      type: 'x-mitre-tactic',
      id: `x-mitre-tactic--${t.id}`,
      name: t.name,
      x_mitre_shortname: t.shortname,
      description: `${t.description}(Citation: Somebody 2020)\n\nMore about ${t.name}.`,
      external_references: reference(t.id, t.url),
    })),
  ]
  for (const t of data.techniques) {
    objects.push({
      type: 'attack-pattern',
      id: stixId(t.id),
      name: t.name,
      description: `${t.description}\n\nA second paragraph (Citation: Somebody 2020).`,
      kill_chain_phases: t.tactics.map((phase_name) => ({ kill_chain_name: 'mitre-attack', phase_name })),
      x_mitre_platforms: t.platforms,
      x_mitre_domains: [data.domain],
      ...(t.revoked ? { revoked: true } : {}),
      ...(t.deprecated ? { x_mitre_deprecated: true } : {}),
      external_references: reference(t.id, t.url),
    })
    if (t.revoked_by) {
      objects.push({ type: 'relationship', id: `relationship--${t.id}`, relationship_type: 'revoked-by', source_ref: stixId(t.id), target_ref: stixId(t.revoked_by) })
    }
  }
  return { type: 'bundle', id: 'bundle--round-trip', objects: objects.reverse() }
}

describe('compactFromStix', () => {
  it('should build the compact table from a hand-made STIX 2.1 bundle (golden file)', () => {
    const { data, diagnostics } = compactFromStix(readJson('mini-enterprise-bundle.json'), { source: 'mini-enterprise-bundle.json' })
    expect(data).toBeDefined()
    const golden = path.join(FIXTURES, 'mini-enterprise-bundle.compact.json')
    const text = serializeCompact(data!)
    if (process.env.UPDATE || !existsSync(golden)) writeFileSync(golden, text)
    expect(text).toBe(readFileSync(golden, 'utf8'))
    expect(diagnostics.map((d) => `${d.severity}: ${d.message}`)).toEqual([
      'warning: the matrix refers to x-mitre-tactic--00000000-0000-4000-8000-000000000099, which is not an x-mitre-tactic with an ATT&CK id in the bundle; skipped',
      'warning: attack-pattern attack-pattern--00000000-0000-4000-8000-000000000033 "No Id" has no mitre-attack external id; skipped',
      'warning: T1999 is revoked but no revoked-by relationship names its replacement',
    ])
  })

  it('should keep matrix order, MITRE links, revoked chains and deprecated flags', () => {
    const data = compactFromStix(readJson('mini-enterprise-bundle.json')).data!
    expect(data.version).toBe('18.1')
    expect(data.source).toBe('STIX bundle bundle--00000000-0000-4000-8000-000000000000')
    expect(data.tactics.map((t) => t.shortname)).toEqual(['execution', 'defense-evasion', 'lateral-movement'])
    expect(data.tactics[1]).toEqual({
      id: 'TA0005',
      shortname: 'defense-evasion',
      name: 'Defense Evasion',
      description: 'The adversary is trying to avoid being detected.',
      url: 'https://attack.mitre.org/tactics/TA0005',
    })
    const byId = new Map(data.techniques.map((t) => [t.id, t]))
    expect(data.techniques.map((t) => t.id)).toEqual([
      'T1021', 'T1021.003', 'T1026', 'T1059', 'T1059.001', 'T1073', 'T1086', 'T1218.014', 'T1574.001', 'T1574.002', 'T1999',
    ])
    expect(byId.get('T1021.003')).toEqual({
      id: 'T1021.003',
      name: 'Distributed Component Object Model',
      parent: 'T1021',
      tactics: ['lateral-movement'],
      platforms: ['Windows'],
      url: 'https://attack.mitre.org/techniques/T1021/003',
      deprecated: false,
      revoked: false,
      description: 'Adversaries may use DCOM to run code on remote machines, e.g. through the MMC20.Application object, via `mmc.exe`.',
    })
    expect(byId.get('T1073')).toMatchObject({ revoked: true, revoked_by: 'T1574.002', revoked_by_final: 'T1574.001' })
    expect(byId.get('T1086')).toMatchObject({ revoked: true, revoked_by: 'T1059.001', revoked_by_final: 'T1059.001' })
    expect(byId.get('T1999')).toMatchObject({ revoked: true, revoked_by: null, revoked_by_final: null })
    expect(byId.get('T1026')).toMatchObject({ deprecated: true, revoked: false })
    expect(byId.get('T1026')).not.toHaveProperty('revoked_by')
  })

  it('should reproduce the bundled 18.1 table exactly from the same objects, so an import is a drop-in replacement', () => {
    const { data, diagnostics } = compactFromStix(toStix(bundled as CompactAttackData), {
      source: bundled.source,
    })
    expect(diagnostics).toEqual([])
    expect(serializeCompact({ ...data!, spec: bundled.spec })).toBe(readFileSync(path.join(__dirname, 'data/enterprise-attack.json'), 'utf8'))
  })

  it('should report what is not a bundle, or a bundle without a matrix, without throwing', () => {
    expect(compactFromStix(null).diagnostics).toEqual([
      { severity: 'error', message: 'not a STIX bundle: expected {"type": "bundle", "objects": [...]}' },
    ])
    expect(compactFromStix({ type: 'bundle', objects: [1, 'x', null] })).toEqual({
      diagnostics: [{ severity: 'error', message: 'the bundle has no x-mitre-matrix object, so the tactic order is unknown' }],
    })
  })
})
