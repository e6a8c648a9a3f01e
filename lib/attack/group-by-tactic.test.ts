import { describe, expect, it } from 'vitest'
import { groupByTactic } from './group-by-tactic'
import { resolveTags } from './resolve-tags'
import { resolveThreat } from './resolve-threat'

const shape = (groups: ReturnType<typeof groupByTactic>) =>
  groups.map((g) => [g.tactic.shortname, g.techniques.map((t) => [t.technique.id, t.subtechniques.map((s) => s.id)])])

describe('groupByTactic', () => {
  it('should arrange tactic → technique → sub-technique in matrix order, adding the parent of a lone sub-technique', () => {
    const { entries } = resolveTags(['attack.lateral-movement', 'attack.t1021.003', 'attack.execution', 'attack.t1059.001'])
    const groups = groupByTactic(entries)
    expect(shape(groups)).toEqual([
      ['execution', [['T1059', ['T1059.001']]]],
      ['lateral-movement', [['T1021', ['T1021.003']]]],
    ])
    expect(groups[1]?.techniques[0]?.technique.name).toBe('Remote Services')
  })

  it('should place a technique under its ATT&CK tactics when the rule names none of them', () => {
    const { entries } = resolveTags(['attack.t1053.005'])
    expect(shape(groupByTactic(entries)).map(([t]) => t)).toEqual(['execution', 'persistence', 'privilege-escalation'])
  })

  it('should put unknown techniques under the rule’s unknown tactics, after the known ones', () => {
    const { entries } = resolveTags(['attack.stealth', 'attack.t1685', 'attack.persistence', 'attack.t1547.001'])
    expect(shape(groupByTactic(entries))).toEqual([
      ['persistence', [['T1547', ['T1547.001']]]],
      ['stealth', [['T1685', []]]],
    ])
  })

  it('should group Elastic threat entries the same way', () => {
    const { entries } = resolveThreat([
      { tactic: { id: 'TA0008' }, technique: [{ id: 'T1021', subtechnique: [{ id: 'T1021.003' }] }] },
      { tactic: { id: 'TA0005' }, technique: [{ id: 'T1218', subtechnique: [{ id: 'T1218.014' }] }] },
    ])
    expect(shape(groupByTactic(entries))).toEqual([
      ['defense-evasion', [['T1218', ['T1218.014']]]],
      ['lateral-movement', [['T1021', ['T1021.003']]]],
    ])
  })
})
