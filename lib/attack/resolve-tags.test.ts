import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { resolveTags } from './resolve-tags'

const SIGMA_RULES = path.resolve(__dirname, '../../../shared/corpus/sigma/rules')

describe('resolveTags', () => {
  it('should resolve a sub-technique with its parent, tactics and link', () => {
    const { entries, diagnostics } = resolveTags(['attack.t1021.003'])
    expect(diagnostics).toEqual([])
    expect(entries).toEqual([
      {
        kind: 'technique',
        source: 'attack.t1021.003',
        known: true,
        id: 'T1021.003',
        name: 'Distributed Component Object Model',
        description: expect.stringContaining('DCOM'),
        url: 'https://attack.mitre.org/techniques/T1021/003/',
        tactics: ['lateral-movement'],
        parent: { id: 'T1021', name: 'Remote Services', url: 'https://attack.mitre.org/techniques/T1021/' },
        revoked: false,
        deprecated: false,
        replacedBy: undefined,
      },
    ])
  })

  it('should resolve tactics written with hyphens, underscores or as an id', () => {
    const { entries, diagnostics } = resolveTags(['attack.lateral-movement', 'attack.lateral_movement', 'attack.ta0008'])
    expect(diagnostics).toEqual([])
    expect(entries.map((e) => [e.kind, e.id, 'name' in e ? e.name : undefined, e.url])).toEqual(
      Array(3).fill(['tactic', 'TA0008', 'Lateral Movement', 'https://attack.mitre.org/tactics/TA0008/']),
    )
  })

  it('should keep group, software and data-source ids as written, with links', () => {
    const { entries, diagnostics } = resolveTags(['attack.g0069', 'attack.s0029', 'attack.ds0005'])
    expect(diagnostics).toEqual([])
    expect(entries.map((e) => [e.kind, e.id, e.url])).toEqual([
      ['group', 'G0069', 'https://attack.mitre.org/groups/G0069/'],
      ['software', 'S0029', 'https://attack.mitre.org/software/S0029/'],
      ['data-source', 'DS0005', 'https://attack.mitre.org/datasources/DS0005/'],
    ])
  })

  it('should warn about a revoked technique and name its replacement', () => {
    const { entries, diagnostics } = resolveTags(['attack.t1086'])
    expect(entries[0]).toMatchObject({ id: 'T1086', known: true, revoked: true, replacedBy: { id: 'T1059.001', name: 'PowerShell' } })
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'attack-revoked-technique',
        message: 'attack.t1086: T1086 "PowerShell" is revoked in ATT&CK 18.1: use T1059.001 "PowerShell"',
        source: 'attack.t1086',
        path: [0],
      },
    ])
  })

  it('should warn about a deprecated technique', () => {
    const { entries, diagnostics } = resolveTags(['attack.t1026'])
    expect(entries[0]).toMatchObject({ id: 'T1026', deprecated: true })
    expect(diagnostics.map((d) => d.code)).toEqual(['attack-deprecated-technique'])
  })

  it('should keep, link and warn about ATT&CK v19 tactics and techniques the data does not know', () => {
    const tags = ['attack.stealth', 'attack.defense-impairment', 'attack.t1685', 'attack.t1685.001', 'attack.t1690']
    const { entries, diagnostics } = resolveTags(tags)
    expect(entries.map((e) => [e.kind, e.known, e.kind === 'tactic' ? e.shortname : e.id, e.url])).toEqual([
      ['tactic', false, 'stealth', 'https://attack.mitre.org/tactics/enterprise/'],
      ['tactic', false, 'defense-impairment', 'https://attack.mitre.org/tactics/enterprise/'],
      ['technique', false, 'T1685', 'https://attack.mitre.org/techniques/T1685/'],
      ['technique', false, 'T1685.001', 'https://attack.mitre.org/techniques/T1685/001/'],
      ['technique', false, 'T1690', 'https://attack.mitre.org/techniques/T1690/'],
    ])
    expect(diagnostics.map((d) => [d.severity, d.code, d.path])).toEqual([
      ['warning', 'attack-unknown-tactic', [0]],
      ['warning', 'attack-unknown-tactic', [1]],
      ['warning', 'attack-unknown-technique', [2]],
      ['warning', 'attack-unknown-technique', [3]],
      ['warning', 'attack-unknown-technique', [4]],
    ])
  })

  it('should name the known parent of an unknown sub-technique', () => {
    const { diagnostics } = resolveTags(['attack.t1021.099'])
    expect(diagnostics[0]?.message).toContain('its parent T1021 is "Remote Services"')
  })

  it('should report malformed tags as errors, keep going, and skip other namespaces', () => {
    const { entries, diagnostics } = resolveTags([
      'attack.t1059.1',
      'cve.2021-44228',
      'attack.Lateral Movement',
      42,
      'attack.t1059',
      'detection.threat-hunting',
    ])
    expect(entries.map((e) => e.id)).toEqual(['T1059'])
    expect(diagnostics.map((d) => [d.severity, d.code, d.path])).toEqual([
      ['error', 'attack-malformed-tag', [0]],
      ['warning', 'attack-tag-case', [2]],
      ['error', 'attack-malformed-tag', [2]],
    ])
  })

  it('should accept an upper-case tag with a warning', () => {
    const { entries, diagnostics } = resolveTags(['attack.T1059.001'])
    expect(entries[0]).toMatchObject({ id: 'T1059.001', known: true })
    expect(diagnostics.map((d) => d.code)).toEqual(['attack-tag-case'])
  })

  it('should resolve every ATT&CK tag of the SigmaHQ corpus without a crash and count the unknown ones', () => {
    const counts = { tags: 0, known: 0, unknownTactics: new Map<string, number>(), unknownTechniques: new Map<string, number>(), errors: 0 }
    const files = readdirSync(SIGMA_RULES, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f))
    expect(files.length).toBeGreaterThan(3000)
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(path.join(SIGMA_RULES, file), 'utf8'))) {
        const tags = (doc.toJS() as { tags?: unknown } | null)?.tags
        if (!Array.isArray(tags)) continue
        const { entries, diagnostics } = resolveTags(tags)
        counts.tags += entries.length
        counts.errors += diagnostics.filter((d) => d.severity === 'error').length
        for (const e of entries) {
          if (e.known || (e.kind !== 'tactic' && e.kind !== 'technique')) counts.known++
          else if (e.kind === 'tactic') counts.unknownTactics.set(e.shortname, (counts.unknownTactics.get(e.shortname) ?? 0) + 1)
          else counts.unknownTechniques.set(e.id, (counts.unknownTechniques.get(e.id) ?? 0) + 1)
        }
      }
    }
    // Figures for SigmaHQ at ATT&CK v19 tags (see ../shared/attack/SOURCE.md): the v19 tactics and techniques are kept.
    expect(Object.fromEntries(counts.unknownTactics)).toEqual({ stealth: 944, 'defense-impairment': 378 })
    expect([...counts.unknownTechniques.keys()].sort()).toEqual([
      'T1685',
      'T1685.001',
      'T1685.002',
      'T1685.004',
      'T1685.005',
      'T1685.006',
      'T1686',
      'T1686.001',
      'T1686.002',
      'T1686.003',
      'T1689',
      'T1690',
    ])
    expect([...counts.unknownTechniques.values()].reduce((a, b) => a + b, 0)).toBe(231)
    expect(counts.errors).toBe(0)
    expect(counts.tags).toBeGreaterThan(8000)
  })
})
