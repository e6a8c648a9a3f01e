import { describe, expect, it } from 'vitest'
import { matrix } from './matrix'

describe('matrix', () => {
  const m = matrix()

  it('should give the tactic columns in matrix order with their links', () => {
    expect(m.version).toBe('18.1')
    expect(m.tactics).toHaveLength(14)
    expect(m.tactics[0]).toMatchObject({ shortname: 'reconnaissance', id: 'TA0043', url: 'https://attack.mitre.org/tactics/TA0043/' })
    expect(m.tactics.at(-1)?.shortname).toBe('impact')
  })

  it('should put each active technique in every column of its tactics, with its sub-techniques', () => {
    const lateral = m.tactics.find((t) => t.shortname === 'lateral-movement')!
    const remote = lateral.techniques.find((t) => t.id === 'T1021')!
    expect(remote.name).toBe('Remote Services')
    expect(remote.subtechniques.map((s) => s.id)).toContain('T1021.003')
    const columns = m.tactics.filter((c) => c.techniques.some((t) => t.id === 'T1053')).map((c) => c.shortname)
    expect(columns).toEqual(['execution', 'persistence', 'privilege-escalation'])
  })

  it('should leave out revoked and deprecated techniques and sort each column by name', () => {
    const ids = new Set(m.tactics.flatMap((c) => c.techniques.flatMap((t) => [t.id, ...t.subtechniques.map((s) => s.id)])))
    expect(ids.has('T1086')).toBe(false)
    expect(ids.has('T1026')).toBe(false)
    expect(ids.size).toBe(691)
    for (const column of m.tactics) {
      const names = column.techniques.map((t) => t.name)
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')))
    }
  })
})
