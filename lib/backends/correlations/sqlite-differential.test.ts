import { describe, expect, it } from 'vitest'
import { evaluateCorrelation, parseSigma, resolveCollection } from '../../sigma'
import { convert } from '../index'
import { SQLITE_TIME_COLUMN } from './sqlite'
import { openLogs } from './test-sqlite'

/**
 * The sqlite correlations (every type: windows ending at each event, window
 * joins for the temporal types), run by SQLite over random event streams,
 * against Sigma's reference evaluator: the same groups must fire.
 */
const RULES = `
title: Failed logon
name: failed
logsource: { product: windows, category: process_creation }
detection:
    selection: { CommandLine|contains: 'logon failed' }
    condition: selection
---
title: Whoami
name: whoami
logsource: { product: windows, category: process_creation }
detection:
    selection: { Image|endswith: '\\whoami.exe' }
    condition: selection
---
title: Net use
name: netuse
logsource: { product: windows, category: process_creation }
detection:
    selection: { CommandLine|contains: 'net use' }
    condition: selection
`
const CORRELATIONS = {
  event_count: `type: event_count\n    rules: [failed, whoami]\n    group-by: [User]\n    timespan: 2m\n    condition: { gte: 3 }`,
  value_count: `type: value_count\n    rules: [failed, whoami, netuse]\n    group-by: [ComputerName]\n    timespan: 1m\n    condition: { field: User, gte: 2 }`,
  event_count_lt: `type: event_count\n    rules: [failed, whoami, netuse]\n    group-by: [ComputerName]\n    timespan: 1m\n    condition: { lt: 2 }`,
  value_sum: `type: value_sum\n    rules: [failed, whoami]\n    group-by: [ComputerName]\n    timespan: 2m\n    condition: { field: ProcessId, gte: 150 }`,
  value_avg: `type: value_avg\n    rules: [failed, whoami]\n    group-by: [User]\n    timespan: 90s\n    condition: { field: ProcessId, lt: 30 }`,
  value_percentile: `type: value_percentile\n    rules: [failed]\n    group-by: [ComputerName]\n    timespan: 2m\n    condition: { field: User, lte: 40 }`,
  temporal: `type: temporal\n    rules: [failed, whoami, netuse]\n    group-by: [ComputerName]\n    timespan: 90s`,
  temporal_ordered: `type: temporal_ordered\n    rules: [failed, whoami, netuse]\n    group-by: [ComputerName, User]\n    timespan: 2m`,
}

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

function stream(next: () => number, distinct: boolean): Record<string, unknown>[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
  const start = Date.parse('2026-11-25T10:00:00Z')
  // The last two kinds match two and three rules: such an event counts once (event_count, value_*)
  // and is one event of each rule's type (temporal), but one step at most of a temporal_ordered chain.
  const kinds = [
    { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami /all' },
    { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami logon failed' },
    { Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'logon failed; net use \\\\srv' },
    { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'logon failed for x' },
    { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'net use \\\\srv' },
    { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'dir' },
  ]
  return Array.from({ length: 3 + Math.floor(next() * 12) }, () => ({
    // Distinct times for value_percentile, whose window ends at an event (ties would depend on stream order).
    '@timestamp': new Date(start + Math.floor(next() * 8) * 30_000 + (distinct ? Math.floor(next() * 29_000) : 0)).toISOString(),
    ComputerName: pick(['h1', 'h2']),
    User: pick(['alice', 'bob', undefined]),
    ...pick(kinds),
    ProcessId: pick([5, 20, 60, '70', undefined]),
  })).map((event) => Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined)))
}

describe('sqlite correlations against the reference evaluator', () => {
  for (const [type, body] of Object.entries(CORRELATIONS)) {
    const title = type.replace(/_lt$/, ' (lt)')
    it(`should fire for the same groups as the evaluator (${title}, 300 random streams)`, () => {
      const text = `title: ${type}\nname: corr\ncorrelation:\n    ${body}\n---\n${RULES}`
      const resolved = resolveCollection([parseSigma(text, `${type}.yml`)])
      expect(resolved.collection.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      const correlation = resolved.collection.documents.find((d) => d.type === 'correlation')!
      if (correlation.type !== 'correlation') throw new Error('no correlation')
      const result = convert(correlation, resolved.collection, { target: 'sqlite' })
      if (!result.ok) throw new Error(result.reason)
      expect(result.warnings).toEqual([])
      const next = random(type.length * 7919)
      let firing = 0
      for (let run = 0; run < 300; run++) {
        // Distinct times where the verdict depends on which simultaneous events a window holds.
        const events = stream(next, !['event_count', 'value_count', 'temporal', 'temporal_ordered'].includes(type))
        const expected = evaluateCorrelation(correlation, resolved.lookup, events).fired.map((g) => correlation.groupBy.map((f) => g.group[f]).join('|'))
        const db = openLogs([SQLITE_TIME_COLUMN, 'ComputerName', 'User', 'Image', 'CommandLine', 'ProcessId'])
        const insert = db.prepare('INSERT INTO logs VALUES (?, ?, ?, ?, ?, ?)')
        for (const e of events) insert.run(e['@timestamp'], e.ComputerName ?? null, e.User ?? null, e.Image ?? null, e.CommandLine ?? null, e.ProcessId ?? null)
        const rows = db.prepare(result.query).all() as Record<string, unknown>[]
        db.close()
        const actual = [...new Set(rows.map((row) => correlation.groupBy.map((f) => row[f]).join('|')))]
        expect(actual.sort(), JSON.stringify(events)).toEqual([...new Set(expected)].sort())
        if (expected.length > 0) firing++
      }
      // The streams exercise both verdicts (an "lt" count fires at the first event of any group, as the evaluator reads it).
      expect(firing).toBeGreaterThan(5)
      if (!type.endsWith('_lt')) expect(firing).toBeLessThan(290)
    })
  }
})
