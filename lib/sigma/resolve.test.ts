import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from './diagnostics'
import { matches } from './evaluate'
import { parseSigma } from './load'
import { resolveCollection } from './resolve'

const rule = (id: string, name: string, product = 'windows') =>
  `title: ${name}\nid: ${id}\nname: ${name}\nlogsource: {category: process_creation, product: ${product}}\ndetection: {sel: {Image: x.exe}, condition: sel}\n`
const ID_A = '11111111-1111-4111-8111-111111111111'
const ID_B = '22222222-2222-4222-8222-222222222222'

describe('resolveCollection', () => {
  it('should report the same id in two files, naming both places', () => {
    const { collection } = resolveCollection([parseSigma(rule(ID_A, 'a'), 'a.yml'), parseSigma(rule(ID_A, 'b'), 'b.yml')])
    expect(collection.diagnostics.map(formatDiagnostic)).toEqual([`b.yml:2:5: error: Duplicate id \`${ID_A}\`, also used at a.yml:2:5 [duplicate-id]`])
  })

  it('should apply a filter to the rules it names by id or name, when the log source agrees', () => {
    const filter = `title: f\nlogsource: {category: process_creation, product: windows}\nfilter:\n    rules: [${ID_A}, b, c]\n    sel: {User|startswith: adm_}\n    condition: not sel\n`
    const { collection } = resolveCollection([
      parseSigma(rule(ID_A, 'a'), 'a.yml'),
      parseSigma(rule(ID_B, 'b'), 'b.yml'),
      parseSigma(rule('33333333-3333-4333-8333-333333333333', 'c', 'linux'), 'c.yml'),
      parseSigma(filter, 'f.yml'),
    ])
    expect(collection.diagnostics.map(formatDiagnostic)).toEqual([
      "f.yml:1:1: warning: Filter does not apply to `c`: its logsource differs from the rule's [filter-logsource-mismatch]",
    ])
    const [a, b, c] = collection.documents
    for (const document of [a, b]) {
      expect(document?.type === 'rule' && matches(document.expression, { Image: 'x.exe', User: 'adm_bob' })).toBe(false)
      expect(document?.type === 'rule' && matches(document.expression, { Image: 'x.exe', User: 'bob' })).toBe(true)
    }
    expect(c?.type === 'rule' && matches(c.expression, { Image: 'x.exe', User: 'adm_bob' })).toBe(true)
  })

  it('should report correlation references that name nothing, and cycles', () => {
    const text = 'title: one\nname: one\ncorrelation: {type: event_count, rules: [two, ghost], group-by: [U], timespan: 1m, condition: {gte: 1}}\n---\ntitle: two\nname: two\ncorrelation: {type: event_count, rules: [one], group-by: [U], timespan: 1m, condition: {gte: 1}}\n'
    const { collection, references } = resolveCollection([parseSigma(text, 'c.yml')])
    expect(collection.diagnostics.map(formatDiagnostic)).toEqual([
      'c.yml:1:1: error: Correlation `one` refers back to itself [correlation-cycle]',
      'c.yml:1:1: warning: Correlation refers to `ghost`, which is not a loaded rule id or name [unknown-rule-reference]',
      'c.yml:5:1: error: Correlation `two` refers back to itself [correlation-cycle]',
    ])
    expect([...references.values()].map((r) => r.map((d) => d.name))).toEqual([['two'], ['one']])
  })
})
