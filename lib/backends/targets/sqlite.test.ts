import { afterAll, describe, expect, it } from 'vitest'
import { matches, parseSigma, type SigmaRule } from '../../sigma/index'
import type { FlatEvent } from '../../sigma/testing/event'
import { createSqliteEngine } from '../differential/engines/sqlite-engine'
import { convert } from '../index'

const engine = createSqliteEngine()
afterAll(() => engine.close?.())

/** Real SQLite's verdict on each event for a one-item rule, next to the reference evaluator's. */
function verdicts(item: string, condition: string, events: readonly FlatEvent[]) {
  const text = `title: t\nlogsource: {category: test}\ndetection:\n  sel:\n    ${item}\n  condition: ${condition}\n`
  const collection = parseSigma(text, 'fieldref.yml')
  const rule = collection.documents[0] as SigmaRule
  const result = convert(rule, collection, { target: 'sqlite', pipeline: 'none' })
  if (!result.ok) throw new Error(`sqlite did not convert \`${item}\``)
  const ran = engine.run(result.query, events, rule.expression)
  return { engine: ran.ok ? ran.matched : ran.error, reference: events.map((e) => matches(rule.expression, e)) }
}

describe('sqlite field references', () => {
  // An absent or null field has no value to compare, whatever the other field holds (even the empty string).
  const events: FlatEvent[] = [
    { b: '' },
    { a: null, b: '' },
    { a: '', b: '' },
    { a: 'xy', b: '' },
    { a: 'xy', b: 'y' },
    { a: 'xy', b: 'x' },
    { a: 'xy' },
    { a: 'XY', b: 'y' },
    { a: 12, b: '2' },
    {},
  ]

  for (const match of ['', '|startswith', '|endswith', '|contains']) {
    for (const cased of ['', '|cased']) {
      const item = `a|fieldref${match}${cased}: b`
      it(`should match \`${item}\` as the evaluator does, an absent field matching nothing, also under not`, () => {
        for (const condition of ['sel', 'not sel']) {
          const { engine: sqlite, reference } = verdicts(item, condition, events)
          expect(sqlite, condition).toEqual(reference)
        }
      })
    }
  }

  it('should not match a cased endswith field reference on an absent field when the other field is empty', () => {
    expect(verdicts('a|fieldref|cased|endswith: b', 'sel', [{ b: '' }, { a: 'x', b: '' }])).toEqual({ engine: [false, true], reference: [false, true] })
  })
})
