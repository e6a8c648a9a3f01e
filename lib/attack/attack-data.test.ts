import { describe, expect, it } from 'vitest'
import { attack, createAttack } from './attack-data'
import type { CompactAttackData } from './types'

describe('attack (bundled ATT&CK 18.1)', () => {
  it('should list the 14 Enterprise tactics in matrix order', () => {
    expect(attack.version).toBe('18.1')
    expect(attack.tactics.map((t) => t.shortname)).toEqual([
      'reconnaissance',
      'resource-development',
      'initial-access',
      'execution',
      'persistence',
      'privilege-escalation',
      'defense-evasion',
      'credential-access',
      'discovery',
      'lateral-movement',
      'collection',
      'command-and-control',
      'exfiltration',
      'impact',
    ])
    expect(attack.tactic('lateral-movement')).toEqual({
      id: 'TA0008',
      shortname: 'lateral-movement',
      name: 'Lateral Movement',
      description: 'The adversary is trying to move through your environment.',
      url: 'https://attack.mitre.org/tactics/TA0008/',
    })
  })

  it('should find a tactic by shortname, underscore form, id or name in any case', () => {
    for (const key of ['lateral-movement', 'lateral_movement', 'TA0008', 'ta0008', 'Lateral Movement']) {
      expect(attack.tactic(key)?.id, key).toBe('TA0008')
    }
    expect(attack.tactic('stealth')).toBeUndefined()
  })

  it('should give techniques and sub-techniques with names, tactics and trailing-slash links', () => {
    const dcom = attack.technique('t1021.003')
    expect(dcom).toMatchObject({
      id: 'T1021.003',
      name: 'Distributed Component Object Model',
      parent: 'T1021',
      tactics: ['lateral-movement'],
      url: 'https://attack.mitre.org/techniques/T1021/003/',
      revoked: false,
      deprecated: false,
      replacedBy: null,
    })
    expect(attack.technique('T1218.014')?.name).toBe('MMC')
    expect(attack.subtechniques('T1021').map((t) => t.id)).toContain('T1021.003')
    expect(attack.technique('T1685')).toBeUndefined()
  })

  it('should name the end of the revoked-by chain as the replacement', () => {
    expect(attack.technique('T1086')).toMatchObject({ revoked: true, replacedBy: 'T1059.001' })
    expect(attack.technique('T1073')).toMatchObject({ revoked: true, replacedBy: 'T1574.001' })
    expect(attack.technique('T1026')).toMatchObject({ deprecated: true, revoked: false, replacedBy: null })
  })

  it('should build lookups over any table in the compact shape', () => {
    const tiny: CompactAttackData = {
      version: '99.0',
      domain: 'enterprise-attack',
      source: 'test',
      spec: 'test',
      matrix_modified: '',
      tactics: [{ id: 'TA0099', shortname: 'stealth', name: 'Stealth', description: 'x', url: '' }],
      techniques: [],
    }
    expect(createAttack(tiny).tactic('stealth')?.url).toBe('https://attack.mitre.org/tactics/TA0099/')
  })
})
