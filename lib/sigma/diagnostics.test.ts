import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from './diagnostics'
import { parseSigma } from './load'
import { resolveCollection } from './resolve'

const HEAD = 'title: t\nlogsource: {product: p}\n'
const problems = (text: string) => resolveCollection([parseSigma(text, 'r.yml')]).collection.diagnostics.map(formatDiagnostic)

/** Each problem the loader and resolver report, with its exact message and position. */
const CASES: [title: string, text: string, expected: string[]][] = [
  ['a document that is not a map', '- a\n- b\n', ['r.yml:1:1: error: Expected a Sigma document (a map), found a list [invalid-document]']],
  ['an unknown legacy action', `action: merge\n${HEAD}detection: {s: {A: 1}, condition: s}\n`, ['r.yml:1:1: error: Unknown action `merge`, expected `global`, `reset` or `repeat` [legacy-action]']],
  ['`action: repeat` with nothing before it', `action: repeat\n${HEAD}detection: {s: {A: 1}, condition: s}\n`, ['r.yml:1:1: error: `action: repeat` without a document before it [legacy-repeat]']],
  ['a detection that is not a map', `${HEAD}detection: [a]\n`, ['r.yml:3:12: error: Expected `detection` to be a map, found a list [invalid-detection]']],
  ['a condition that is not a string', `${HEAD}detection:\n    s: {A: 1}\n    condition: {a: b}\n`, ['r.yml:5:16: error: Expected a condition string, found a map [invalid-condition]']],
  ['an empty search identifier', `${HEAD}detection:\n    s: []\n    condition: s\n`, ['r.yml:4:5: error: Search identifier `s` is empty [empty-search]']],
  ['an empty list of values', `${HEAD}detection:\n    s: {A: []}\n    condition: s\n`, ['r.yml:4:9: error: `A` has an empty list of values [empty-value-list]']],
  ['a map as a value', `${HEAD}detection:\n    s: {A: {b: c}}\n    condition: s\n`, ['r.yml:4:12: error: Expected a string, number, boolean or null as the value of `A`, found a map [invalid-value]']],
  ['`null` as a keyword', `${HEAD}detection:\n    s: [~]\n    condition: s\n`, ['r.yml:4:9: error: `null` needs a field; a keyword search cannot use it [keyword-needs-field]']],
  ['`null` inside a list of values', `${HEAD}detection:\n    s: {A: [x, null]}\n    condition: s\n`, ['r.yml:4:16: warning: `null` in a list of values: put it in a selection of its own [null-in-list]']],
  ['the obsolete `timeframe`', `${HEAD}detection:\n    s: {A: 1}\n    timeframe: 5m\n    condition: s\n`, ['r.yml:5:5: warning: `timeframe` is obsolete: use a correlation rule [obsolete-timeframe]']],
  ['a pattern that matches nothing', `${HEAD}detection:\n    s: {A: 1}\n    _f: {B: 1}\n    condition: s or 1 of f*\n`, ['r.yml:6:21: error: `1 of f*` does not match any search identifier not starting with `_` [unknown-identifier]']],
  ['a list written as one string', `${HEAD}falsepositives: Unknown\ndetection: {s: {A: 1}, condition: s}\n`, ['r.yml:3:17: warning: Expected `falsepositives` to be a list of strings, found a single string [string-not-list]']],
  ['a bad `related` entry', `${HEAD}related:\n    - id: x\n      type: copied\ndetection: {s: {A: 1}, condition: s}\n`, ['r.yml:4:7: error: Invalid related id `x`, expected a UUID [invalid-id]', 'r.yml:4:7: error: Invalid related type `copied`, expected one of `derived`, `obsolete`, `merged`, `renamed`, `similar` [invalid-related-type]']],
  ['a log source value with capitals or spaces', 'title: t\nlogsource: {category: Process Creation}\ndetection: {s: {A: 1}, condition: s}\n', ['r.yml:2:23: error: Invalid `logsource.category` `Process Creation`: lowercase letters, digits, `_`, `.` and `-` only [invalid-logsource]']],
  ['a filter without rules', 'title: f\nlogsource: {product: p}\nfilter:\n    s: {A: 1}\n    condition: not s\n', ['r.yml:3:1: error: Missing required `filter.rules` [missing-filter-rules]']],
  ['two documents with the same name', `${HEAD}name: n\ndetection: {s: {A: 1}, condition: s}\n---\n${HEAD}name: n\ndetection: {s: {A: 1}, condition: s}\n`, ['r.yml:6:1: error: Duplicate name `n`, also used at r.yml:1:1 [duplicate-name]']],
  ['a correlation that names a filter, and an alias for a rule it does not use', 'title: c\ncorrelation:\n    type: temporal\n    rules: [f]\n    group-by: [u]\n    timespan: 1m\n    aliases: {u: {other: User}}\n---\ntitle: f\nname: f\nlogsource: {product: p}\nfilter: {rules: [x], s: {A: 1}, condition: s}\n', ['r.yml:1:1: error: Correlation refers to `f`, which is a filter [invalid-rule-reference]', 'r.yml:1:1: error: Alias `u` names `other`, which the correlation does not refer to [unknown-alias-rule]', 'r.yml:9:1: warning: Filter names `x`, which is not a loaded rule id or name [unknown-filter-rule]']],
]

describe('diagnostics', () => {
  for (const [title, text, expected] of CASES) {
    it(`should report ${title}`, () => {
      expect(problems(text)).toEqual(expected)
    })
  }
})

describe('diagnostics: every problem of an item', () => {
  it('should report each bad value of a list, and a shared problem once', () => {
    const text = `${HEAD}detection:\n    s:\n        A|base64: ['a*', 'b', 'c?']\n        B|gt: [x, y]\n    condition: s\n`
    expect(problems(text)).toEqual([
      'r.yml:5:20: error: Modifier `base64` does not allow wildcards in `a*` [modifier-wildcard]',
      'r.yml:5:31: error: Modifier `base64` does not allow wildcards in `c?` [modifier-wildcard]',
      'r.yml:6:11: error: Modifier `gt` cannot be applied to a string [modifier-type-mismatch]',
    ])
  })
})
