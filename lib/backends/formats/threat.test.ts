import { describe, expect, it } from 'vitest'
import { threatOf } from './threat'

describe('threatOf', () => {
  it("should group a rule's ATT&CK tags as tactic, technique and sub-technique in matrix order with names and links", () => {
    expect(threatOf(['attack.lateral-movement', 'attack.t1021.003', 'attack.defense-evasion', 'attack.t1218.014', 'car.2013-05-009'])).toEqual([
      {
        tactic: { id: 'TA0005', name: 'Defense Evasion', reference: 'https://attack.mitre.org/tactics/TA0005/' },
        techniques: [
          {
            id: 'T1218',
            name: 'System Binary Proxy Execution',
            reference: 'https://attack.mitre.org/techniques/T1218/',
            subtechniques: [{ id: 'T1218.014', name: 'MMC', reference: 'https://attack.mitre.org/techniques/T1218/014/' }],
          },
        ],
      },
      {
        tactic: { id: 'TA0008', name: 'Lateral Movement', reference: 'https://attack.mitre.org/tactics/TA0008/' },
        techniques: [
          {
            id: 'T1021',
            name: 'Remote Services',
            reference: 'https://attack.mitre.org/techniques/T1021/',
            subtechniques: [{ id: 'T1021.003', name: 'Distributed Component Object Model', reference: 'https://attack.mitre.org/techniques/T1021/003/' }],
          },
        ],
      },
    ])
  })

  it('should leave out a tactic ATT&CK does not know', () => {
    expect(threatOf(['attack.not-a-tactic'])).toEqual([])
  })
})
