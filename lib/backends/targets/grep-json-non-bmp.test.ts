import { afterAll, describe, expect, it } from 'vitest'
import type { FlatEvent } from '../../sigma/testing/event'
import { createGrepEngine, grepPattern } from '../differential/engines/grep-engine'
import { engineVerdicts } from '../testing'
import { grepLines } from './grep-testing'

/**
 * Characters outside the BMP in grep's JSON-lines reading (fuzz finding
 * 7-9109: a `|re` of `😀` was read as two lone surrogates, looked for only as
 * `\ud83d\ude00`). Real `grep -P` must agree with the reference evaluator on
 * lines as JSON.stringify writes them (the character raw); one JSON character
 * (`.`, `?`) still counts an escaped surrogate pair as one character.
 */
const engine = createGrepEngine({ form: 'jsonl' })
afterAll(() => engine.close?.())

const escapePairs = (line: string) => line.replace(/[\u{10000}-\u{10ffff}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}\\u${c.charCodeAt(1).toString(16)}`)

/** The verdicts of the evaluator, of the grep engine on raw lines, and of grep on lines with escaped pairs. */
function verdicts(detection: string, events: readonly FlatEvent[]) {
  const { query, reference, engine: raw } = engineVerdicts(engine, detection, events)
  const hits = new Set(grepLines(grepPattern(query)!, events.map((e) => escapePairs(JSON.stringify(e)))))
  return { reference, raw, escaped: events.map((_, n) => hits.has(n)) }
}

const sel = (spec: string) => `  sel:\n    ${spec}\n  condition: sel`

describe('grep JSON lines with characters outside the BMP', () => {
  const cases: [string, FlatEvent[], boolean[]][] = [
    [sel("f|re: '😀'"), [{ f: '😀' }, { f: 'x😀y' }, { f: '😁' }, { f: 'x' }], [true, true, false, false]],
    [sel("f|re: '^.$'"), [{ f: '😀' }, { f: 'a' }, { f: '😀a' }, { f: '' }], [true, true, false, false]],
    [sel("f|re: '^😀+x?$'"), [{ f: '😀😀' }, { f: '😀x' }, { f: '😀😁' }], [true, true, false]],
    [sel("f|re: '^[^a]{2}$'"), [{ f: '😀' }, { f: '😀b' }, { f: 'ab' }, { f: '𝄞😀' }], [false, true, false, true]],
    [sel("f|re: '^[😀-😂]+$'"), [{ f: '😀😂' }, { f: '😃' }, { f: '😁x' }], [true, false, false]],
    [sel("f|re: '^[^😀]$'"), [{ f: '😀' }, { f: '😁' }, { f: 'a' }], [false, true, true]],
    [sel("f|re|i: '^𐐀'"), [{ f: '𐐨x' }, { f: '𐐀' }, { f: '𐐁' }], [true, true, false]],
    [sel("f|re: '(?i)[𐐀-𐐂]'"), [{ f: '𐐩' }, { f: '𐐃' }], [true, false]],
    [sel("f|re: '𐐀'"), [{ f: '𐐨' }, { f: '𐐀' }], [false, true]],
    [sel("f: '?'"), [{ f: '😀' }, { f: 'ab' }, { f: '😀😀' }], [true, false, false]],
    [sel("f: '??'"), [{ f: '😀' }, { f: '😀a' }], [false, true]],
    [sel("f|contains: '😀'"), [{ f: 'a😀b' }, { f: '😁' }], [true, false]],
    [sel("f|startswith: '😀a'"), [{ f: '😀ab' }, { f: '😀' }, { f: 'a😀a' }], [true, false, false]],
    [sel("f: '*😀?x'"), [{ f: 'q😀😁x' }, { f: '😀x' }, { f: '😀ab' }], [true, false, false]],
    [sel("f: '𐐀*'"), [{ f: '𐐨bc' }, { f: '𐐀' }, { f: 'x𐐀' }], [true, true, false]],
    [sel("f|cased: '𐐀*'"), [{ f: '𐐨bc' }, { f: '𐐀' }], [false, true]],
    [sel("f😀: x"), [{ 'f😀': 'x' }, { f: 'x' }], [true, false]],
    ["  keywords:\n    - '😀?'\n  condition: keywords", [{ Message: 'a😀😁' }, { Message: 'a😀' }], [true, false]],
  ]

  it('should match a character outside the BMP exactly when the evaluator does', () => {
    for (const [detection, events, expected] of cases) {
      const { reference, raw } = verdicts(detection, events)
      expect(reference, detection).toEqual(expected)
      expect(raw, detection).toEqual(reference)
    }
  })

  it('should not take two escaped pairs for one character or one pair for two characters', () => {
    const { reference, escaped } = verdicts(sel("f|re: '^..$'"), [{ f: '😀😀' }, { f: '😀' }, { f: 'ab' }])
    expect(escaped).toEqual(reference)
    expect(reference).toEqual([true, false, true])
  })
})
