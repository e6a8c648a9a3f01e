import { describe, expect, it } from 'vitest'
import { evaluateCorrelation } from './correlation-evaluate'
import { parseSigma } from './load'
import { resolveCollection } from './resolve'
import type { SigmaCorrelation } from './rule'

const BASE = `title: Failed login
name: failed
logsource: {product: test}
detection: {sel: {Outcome: failure}, condition: sel}
---
title: Successful login
name: success
logsource: {product: test}
detection: {sel: {Outcome: success}, condition: sel}
---
title: Transfer
name: transfer
logsource: {product: test}
detection: {sel: {Action: send}, condition: sel}
`

/** Evaluate the first correlation of `correlation` + the base rules over events at t = index × 10 s unless given. */
function fire(correlation: string, events: Record<string, unknown>[], extra = '') {
  const collection = parseSigma(`${correlation}\n---\n${BASE}${extra}`, 'c.yml')
  expect(collection.diagnostics).toEqual([])
  const { collection: resolved, lookup } = resolveCollection([collection])
  const target = resolved.documents.find((d): d is SigmaCorrelation => d.type === 'correlation')!
  const stream = events.map((e, i) => ({ '@timestamp': new Date(Date.UTC(2024, 0, 1, 0, 0, i * 10)).toISOString(), ...e }))
  return evaluateCorrelation(target, lookup, stream)
}

const failures = (user: string, n: number) => Array.from({ length: n }, () => ({ Outcome: 'failure', User: user }))

describe('evaluateCorrelation', () => {
  it('should fire event_count per group when the count in the window meets the condition', () => {
    const result = fire(
      'title: c\ncorrelation: {type: event_count, rules: [failed], group-by: [User], timespan: 1m, condition: {gte: 3}}',
      [...failures('bob', 3), ...failures('eve', 2)],
    )
    expect(result.fired).toEqual([{ group: { User: 'bob' }, events: [0, 1, 2], value: 3 }])
  })

  it('should not count events that fall outside the timespan', () => {
    const result = fire('title: c\ncorrelation: {type: event_count, rules: [failed], group-by: [User], timespan: 15s, condition: {gte: 3}}', failures('bob', 3))
    expect(result.fired).toEqual([])
  })

  it('should fire value_count on distinct values of the condition field', () => {
    const events = [1, 2, 2, 3].map((n) => ({ Outcome: 'failure', Source: 'h1', User: `u${n}` }))
    const result = fire('title: c\ncorrelation: {type: value_count, rules: [failed], group-by: [Source], timespan: 5m, condition: {field: User, gte: 3}}', events)
    expect(result.fired).toEqual([{ group: { Source: 'h1' }, events: [0, 1, 2, 3], value: 3 }])
  })

  it('should fire temporal when every rule matches in the window, in any order', () => {
    const events = [{ Outcome: 'success', User: 'bob' }, { Outcome: 'failure', User: 'bob' }, { Outcome: 'failure', User: 'eve' }]
    const result = fire('title: c\ncorrelation: {type: temporal, rules: [failed, success], group-by: [User], timespan: 1m}', events)
    expect(result.fired).toEqual([{ group: { User: 'bob' }, events: [0, 1], value: 2 }])
  })

  it('should fire temporal_ordered only when the rules match in the listed order', () => {
    const correlation = 'title: c\ncorrelation: {type: temporal_ordered, rules: [failed, success], group-by: [User], timespan: 1m}'
    expect(fire(correlation, [{ Outcome: 'success', User: 'bob' }, { Outcome: 'failure', User: 'bob' }]).fired).toEqual([])
    expect(fire(correlation, [{ Outcome: 'failure', User: 'bob' }, { Outcome: 'success', User: 'bob' }]).fired).toEqual([
      { group: { User: 'bob' }, events: [0, 1], value: 2 },
    ])
  })

  it('should fire value_sum and value_avg on a numeric field', () => {
    const events = [100, 300, 600].map((bytes) => ({ Action: 'send', Host: 'h', Bytes: bytes }))
    const sum = fire('title: c\ncorrelation: {type: value_sum, rules: [transfer], group-by: [Host], timespan: 1h, condition: {field: Bytes, gt: 900}}', events)
    expect(sum.fired).toEqual([{ group: { Host: 'h' }, events: [0, 1, 2], value: 1000 }])
    const avg = fire('title: c\ncorrelation: {type: value_avg, rules: [transfer], group-by: [Host], timespan: 1h, condition: {field: Bytes, gte: 200, lt: 400}}', events)
    // [100, 300] averages 200 and [100, 300, 600] 333: both windows satisfy the range
    expect(avg.fired).toEqual([{ group: { Host: 'h' }, events: [0, 1, 2], value: 200 }])
  })

  it('should fire value_percentile when a value is rare in its group and window', () => {
    const events = [...Array.from({ length: 9 }, () => ({ Action: 'send', Host: 'h', Image: 'common.exe' })), { Action: 'send', Host: 'h', Image: 'rare.exe' }]
    const result = fire('title: c\ncorrelation: {type: value_percentile, rules: [transfer], group-by: [Host], timespan: 1h, condition: {field: Image, lte: 10}}', events)
    expect(result.fired).toEqual([{ group: { Host: 'h' }, events: [9], value: 10 }])
  })

  it('should group through aliases that name a different field per rule', () => {
    const events = [{ Outcome: 'failure', TargetUser: 'bob' }, { Outcome: 'success', LogonUser: 'bob' }]
    const result = fire(
      'title: c\ncorrelation:\n    type: temporal\n    rules: [failed, success]\n    group-by: [user]\n    timespan: 1m\n    aliases:\n        user: {failed: TargetUser, success: LogonUser}',
      events,
    )
    expect(result.fired).toEqual([{ group: { user: 'bob' }, events: [0, 1], value: 2 }])
  })

  it('should chain correlations: an outer correlation counts the firings of an inner one', () => {
    const outer = 'title: outer\ncorrelation: {type: temporal_ordered, rules: [many_failures, success], group-by: [User], timespan: 5m}'
    const inner = '\n---\ntitle: inner\nname: many_failures\ncorrelation: {type: event_count, rules: [failed], group-by: [User], timespan: 5m, condition: {gte: 3}}\n'
    const events = [...failures('bob', 3), { Outcome: 'success', User: 'bob' }, { Outcome: 'success', User: 'eve' }]
    expect(fire(outer, events, inner).fired).toEqual([{ group: { User: 'bob' }, events: [0, 1, 2, 3], value: 2 }])
  })

  it('should report a matching event without a readable timestamp', () => {
    const collection = parseSigma(`title: c\ncorrelation: {type: event_count, rules: [failed], group-by: [Outcome], timespan: 1m, condition: {gte: 1}}\n---\n${BASE}`, 'c.yml')
    const { collection: resolved, lookup } = resolveCollection([collection])
    const correlation = resolved.documents[0] as SigmaCorrelation
    const result = evaluateCorrelation(correlation, lookup, [{ Outcome: 'failure' }, { Outcome: 'failure', timestamp: 1700000000 }])
    expect(result.problems).toEqual([{ index: 0, message: 'Event 1 matches `failed` but has no readable timestamp' }])
    expect(result.fired).toEqual([{ group: { Outcome: 'failure' }, events: [1], value: 1 }])
  })

  it('should use a configured timestamp field', () => {
    const collection = parseSigma(`title: c\ncorrelation: {type: event_count, rules: [failed], group-by: [Outcome], timespan: 1m, condition: {gte: 2}}\n---\n${BASE}`, 'c.yml')
    const { collection: resolved, lookup } = resolveCollection([collection])
    const correlation = resolved.documents[0] as SigmaCorrelation
    const events = [{ Outcome: 'failure', when: '2024-01-01T00:00:00Z' }, { Outcome: 'failure', when: '2024-01-01T00:00:30Z' }]
    expect(evaluateCorrelation(correlation, lookup, events, { timestampField: 'when' }).fired).toHaveLength(1)
  })

  it('should slide over a long stream in one group (50,000 events)', () => {
    const events = Array.from({ length: 50_000 }, () => ({ Outcome: 'failure', User: 'bob' }))
    const result = fire('title: c\ncorrelation: {type: event_count, rules: [failed], group-by: [User], timespan: 1h, condition: {gte: 2}}', events)
    expect(result.fired).toHaveLength(1)
    expect(result.fired[0]!.events).toHaveLength(50_000)
  })

  describe('an event that two referenced rules match', () => {
    // `Action: send` with `Outcome: failure` is matched by both `failed` and `transfer`.
    const both = (user: string, amount?: number) => ({ Outcome: 'failure', Action: 'send', User: user, ...(amount === undefined ? {} : { Amount: amount }) })

    it('should count it once for event_count', () => {
      const correlation = 'title: c\ncorrelation: {type: event_count, rules: [failed, transfer], group-by: [User], timespan: 1m, condition: {gte: 3}}'
      expect(fire(correlation, [both('bob'), both('bob')]).fired).toEqual([])
      expect(fire(correlation, [both('bob'), both('bob'), { Action: 'send', User: 'bob' }]).fired).toEqual([{ group: { User: 'bob' }, events: [0, 1, 2], value: 3 }])
    })

    it('should count it once for value_sum, value_avg and value_percentile', () => {
      const sum = 'title: c\ncorrelation: {type: value_sum, rules: [failed, transfer], group-by: [User], timespan: 1m, condition: {field: Amount, gte: 150}}'
      expect(fire(sum, [both('bob', 100)]).fired).toEqual([])
      expect(fire(sum, [both('bob', 100), both('bob', 50)]).fired).toEqual([{ group: { User: 'bob' }, events: [0, 1], value: 150 }])
      const avg = 'title: c\ncorrelation: {type: value_avg, rules: [failed, transfer], group-by: [User], timespan: 1m, condition: {field: Amount, gte: 70}}'
      // Counted twice, the first event would weigh double: (100 + 100 + 10) / 3 = 70.
      expect(fire(avg, [both('bob', 100), { Outcome: 'failure', User: 'bob', Amount: 10 }]).fired).toEqual([{ group: { User: 'bob' }, events: [0], value: 100 }])
      const rare = 'title: c\ncorrelation: {type: value_percentile, rules: [failed, transfer], group-by: [Host], timespan: 1m, condition: {field: User, lte: 50}}'
      // bob is one of three events (33%), not two of four (50%).
      const events = [{ Outcome: 'failure', Host: 'h', User: 'eve' }, { Outcome: 'failure', Host: 'h', User: 'eve' }, { ...both('bob'), Host: 'h' }]
      expect(fire(rare, events).fired).toEqual([{ group: { Host: 'h' }, events: [2], value: 100 / 3 }])
    })

    it('should count its value once for value_count', () => {
      const correlation = 'title: c\ncorrelation: {type: value_count, rules: [failed, transfer], group-by: [User], timespan: 1m, condition: {field: Amount, gte: 2}}'
      expect(fire(correlation, [both('bob', 1)]).fired).toEqual([])
      expect(fire(correlation, [both('bob', 1), both('bob', 2)]).fired).toEqual([{ group: { User: 'bob' }, events: [0, 1], value: 2 }])
    })

    it('should be an event of both rules for temporal (the spec counts the rule types seen)', () => {
      const correlation = 'title: c\ncorrelation: {type: temporal, rules: [failed, transfer], group-by: [User], timespan: 1m}'
      expect(fire(correlation, [both('bob')]).fired).toEqual([{ group: { User: 'bob' }, events: [0], value: 2 }])
    })

    it('should fill one step only of temporal_ordered: an event does not follow itself', () => {
      const correlation = 'title: c\ncorrelation: {type: temporal_ordered, rules: [failed, transfer], group-by: [User], timespan: 1m}'
      expect(fire(correlation, [both('bob')]).fired).toEqual([])
      expect(fire(correlation, [both('bob'), both('bob')]).fired).toEqual([{ group: { User: 'bob' }, events: [0, 1], value: 2 }])
    })

    it('should find the order of simultaneous events whatever the stream order', () => {
      const correlation = 'title: c\ncorrelation: {type: temporal_ordered, rules: [failed, transfer, success], group-by: [User], timespan: 1m}'
      const at = '2024-01-01T00:00:00Z'
      // failed+transfer then transfer at the same instant, then success: failed (0) → transfer (1) → success (2).
      const events = [both('bob'), { Action: 'send', User: 'bob' }, { Outcome: 'success', User: 'bob' }].map((e, i) => ({ ...e, '@timestamp': i < 2 ? at : '2024-01-01T00:00:30Z' }))
      expect(fire(correlation, events).fired).toEqual([{ group: { User: 'bob' }, events: [0, 1, 2], value: 3 }])
    })
  })
})
