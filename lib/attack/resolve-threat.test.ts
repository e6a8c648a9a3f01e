import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { resolveThreat, type ElasticThreat } from './resolve-threat'

const ELASTIC_RULES = path.resolve(__dirname, '../../../shared/corpus/elastic')

const dcomThreat: ElasticThreat[] = [
  {
    framework: 'MITRE ATT&CK',
    tactic: { id: 'TA0008', name: 'Lateral Movement', reference: 'https://attack.mitre.org/tactics/TA0008/' },
    technique: [
      {
        id: 'T1021',
        name: 'Remote Services',
        subtechnique: [{ id: 'T1021.003', name: 'Distributed Component Object Model' }],
      },
    ],
  },
  {
    framework: 'MITRE ATT&CK',
    tactic: { id: 'TA0005', name: 'Defense Evasion' },
    technique: [{ id: 'T1218', name: 'System Binary Proxy Execution', subtechnique: [{ id: 'T1218.014', name: 'MMC' }] }],
  },
]

describe('resolveThreat', () => {
  it('should resolve tactics, techniques and sub-techniques in the order written', () => {
    const { entries, diagnostics } = resolveThreat(dcomThreat)
    expect(diagnostics).toEqual([])
    expect(entries.map((e) => [e.kind, e.id, 'name' in e ? e.name : undefined, e.url])).toEqual([
      ['tactic', 'TA0008', 'Lateral Movement', 'https://attack.mitre.org/tactics/TA0008/'],
      ['technique', 'T1021', 'Remote Services', 'https://attack.mitre.org/techniques/T1021/'],
      ['technique', 'T1021.003', 'Distributed Component Object Model', 'https://attack.mitre.org/techniques/T1021/003/'],
      ['tactic', 'TA0005', 'Defense Evasion', 'https://attack.mitre.org/tactics/TA0005/'],
      ['technique', 'T1218', 'System Binary Proxy Execution', 'https://attack.mitre.org/techniques/T1218/'],
      ['technique', 'T1218.014', 'MMC', 'https://attack.mitre.org/techniques/T1218/014/'],
    ])
  })

  it('should warn about unknown, revoked and misnamed items, and a sub-technique under the wrong parent', () => {
    const { entries, diagnostics } = resolveThreat([
      {
        framework: 'MITRE ATT&CK',
        tactic: { id: 'TA0099', name: 'Stealth' },
        technique: [
          { id: 'T1685', name: 'Disable or Modify Tools' },
          { id: 'T1547', name: 'Autostart', subtechnique: [{ id: 'T1547.011', name: 'Plist Modification' }, { id: 'T1021.003' }] },
        ],
      },
    ])
    expect(entries).toHaveLength(5)
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['attack-unknown-tactic', [0, 'tactic', 'id']],
      ['attack-unknown-technique', [0, 'technique', 0, 'id']],
      ['attack-name-mismatch', [0, 'technique', 1, 'name']],
      ['attack-revoked-technique', [0, 'technique', 1, 'subtechnique', 0, 'id']],
      ['attack-subtechnique-parent', [0, 'technique', 1, 'subtechnique', 1, 'id']],
    ])
    expect(diagnostics[3]?.message).toContain('use T1647 "Plist File Modification"')
  })

  it('should report items without ids as errors and never throw', () => {
    const { entries, diagnostics } = resolveThreat([
      { tactic: { name: 'Execution' } },
      { tactic: { id: 'TA0002' }, technique: [{ name: 'x' }, { id: 'T10' }] },
      {} as ElasticThreat,
    ])
    expect(entries.map((e) => e.id)).toEqual(['TA0002'])
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['error', 'attack-missing-id'],
      ['error', 'attack-missing-id'],
      ['error', 'attack-malformed-tag'],
      ['error', 'attack-missing-id'],
    ])
  })

  it('should resolve every threat mapping of the Elastic corpus, where only T1547.011 and two old names are out of date', () => {
    const files = readdirSync(ELASTIC_RULES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.toml'))
    expect(files.length).toBeGreaterThan(2000)
    let entries = 0
    const problems: string[] = []
    for (const file of files) {
      const rule = (parseToml(readFileSync(path.join(ELASTIC_RULES, file), 'utf8')) as { rule?: { threat?: ElasticThreat[] } }).rule
      const result = resolveThreat(rule?.threat ?? [])
      entries += result.entries.length
      problems.push(...result.diagnostics.map((d) => `${d.code} ${d.source}`))
    }
    expect(entries).toBeGreaterThan(5000)
    // Two deprecated rules still call T1218 "Signed Binary Proxy Execution"; two rules map the revoked T1547.011.
    expect(problems.sort()).toEqual([
      'attack-name-mismatch T1218',
      'attack-name-mismatch T1218',
      'attack-revoked-technique T1547.011',
      'attack-revoked-technique T1547.011',
    ])
  })
})
