import { afterAll, describe, expect, it } from 'vitest'
import type { FlatEvent } from '../../sigma/testing/event'
import { createGrepEngine } from '../differential/engines/grep-engine'
import { engineVerdicts } from '../testing'

/**
 * JSON numbers and booleans in grep's JSON-lines reading (fuzz finding
 * grep-jsonl-wildcard-vs-number: `5*`, `?` or a `*` keyword were looked for
 * only in string members). The evaluator compares a number or boolean by its
 * `String` text, which is how JSON.stringify (the engine's writer) spells it;
 * real `grep -P` must agree with it, alone and under `not`.
 */
const engine = createGrepEngine({ form: 'jsonl' })
afterAll(() => engine.close?.())

function verdicts(detection: string, events: readonly FlatEvent[]) {
  const { reference, engine: grep } = engineVerdicts(engine, detection, events)
  return { reference, grep }
}

const sel = (spec: string, condition = 'sel') => `  sel:\n    ${spec}\n  condition: ${condition}`
const keyword = (value: string, condition = 'keywords') => `  keywords:\n    - '${value}'\n  condition: ${condition}`

describe('grep JSON lines with number and boolean members', () => {
  const cases: [string, FlatEvent[], boolean[]][] = [
    [sel("p: '5*'"), [{ p: 55 }, { p: '55' }, { p: 6 }, { p: null }, { q: 5 }], [true, true, false, false, false]],
    [sel("p: '*'"), [{ p: 4 }, { p: true }, { p: null }, { p: '' }, { q: 1 }], [true, true, false, true, false]],
    [sel("p: '?'"), [{ p: 4 }, { p: 45 }, { p: -4 }, { p: 'x' }], [true, false, false, true]],
    [sel("p: '*.5'"), [{ p: 1.5 }, { p: -0.5 }, { p: 15 }], [true, true, false]],
    [sel("p: '1e*'"), [{ p: 1e21 }, { p: 1e-7 }, { p: 10 }], [true, true, false]],
    [sel("p|cased: '1E*'"), [{ p: 1e21 }, { p: '1E+21' }], [false, true]],
    [sel("p: '-*'"), [{ p: -0 }, { p: -1 }, { p: 0 }], [false, true, false]],
    [sel("p: 't*'"), [{ p: true }, { p: false }, { p: 'tx' }], [true, false, true]],
    [sel("p: 'T?UE'"), [{ p: true }, { p: 'TRUE' }, { p: false }], [true, true, false]],
    [sel("p|cased: 'T*'"), [{ p: true }, { p: 'T' }], [false, true]],
    [sel("p: 'n*'"), [{ p: null }, { p: 'null' }, { p: 'n' }], [false, true, true]],
    [sel("p: 'null'"), [{ p: null }, { p: 'null' }], [false, true]],
    [sel("p: 'TRUE'"), [{ p: true }, { p: 'true' }, { p: false }], [true, true, false]],
    [sel("p|cased: 'TRUE'"), [{ p: true }, { p: 'TRUE' }], [false, true]],
    [sel("p: '1e+21'"), [{ p: 1e21 }, { p: 1000000000000000000000 }, { p: 1 }], [true, true, false]],
    [sel("p: '-0'"), [{ p: -0 }, { p: 0 }, { p: '-0' }], [false, false, true]],
    [sel("p: '1.50'"), [{ p: 1.5 }, { p: '1.50' }], [false, true]],
    [sel("p: '01'"), [{ p: 1 }, { p: '01' }], [false, true]],
    [sel("p:\n      - 'x*'\n      - '4?'"), [{ p: 42 }, { p: 'xy' }, { p: 4 }], [true, true, false]],
    [sel("p: '5*'", 'not sel'), [{ p: 55 }, { p: 6 }, { p: null }, { q: 5 }], [false, true, true, true]],
    [sel("p: '*'", 'not sel'), [{ p: 4 }, { p: false }, { p: null }, {}], [false, false, true, true]],
    [sel("'a,5}': '*'"), [{ 'a,5}': 1 }, { a: 5 }], [true, false]],
    [keyword('*', 'not keywords'), [{ Message: 4 }, { Message: 'x' }, { Message: null }, { f: true }], [false, false, true, false]],
    [keyword('*'), [{ Message: 4 }, { f: null }, { 'a,5}': null }, {}], [true, false, false, false]],
    [keyword(''), [{ Message: 4 }, { f: null }, { f: '' }], [true, false, true]],
    [keyword('5?5'), [{ Message: 555 }, { p: 5.5 }, { p: 55 }, { p: 'x5a5' }], [true, true, false, true]],
    [keyword('5'), [{ 'a,5}': 'x' }, { 'a,5,': 1 }, { p: 'a,5}' }, { p: 15 }], [false, false, true, true]],
    [keyword('ul'), [{ p: null }, { p: 'null' }], [false, true]],
    [keyword('rue'), [{ p: true }, { p: false }, { p: 'TRUE' }], [true, false, true]],
    [keyword('e+2'), [{ p: 1e21 }, { p: 1e-21 }], [true, false]],
    [keyword('5', 'not keywords'), [{ p: 55 }, { p: null, 'a,5}': 'x' }, { p: 'x5' }], [false, true, false]],
  ]

  it('should match numbers and booleans by their text exactly when the evaluator does', () => {
    for (const [detection, events, expected] of cases) {
      const { reference, grep } = verdicts(detection, events)
      expect(reference, detection).toEqual(expected)
      expect(grep, detection).toEqual(reference)
    }
  })

  it('should not read a key, another member or an escaped quote as a keyword value', () => {
    const events: FlatEvent[] = [{ 'k":5,"': 'x' }, { a: '",5,"' }, { 'x\\': 'y', ',5}': 'z' }, { ['k,5,'.repeat(5000)]: 'x', b: ',"5,\\'.repeat(5000) }]
    const { reference, grep } = verdicts(keyword('5'), events)
    expect(grep).toEqual(reference)
    expect(reference).toEqual([false, true, false, true])
  })
})
