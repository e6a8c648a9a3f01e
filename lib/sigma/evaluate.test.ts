import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { testRule } from './test-rule'

describe('matches: the reference evaluator', () => {
  it('should address nested objects by dotted paths, and flattened keys with dots', () => {
    const { match } = testRule('sel:\n    process.parent.name: explorer.exe\ncondition: sel')
    expect(match({ process: { parent: { name: 'EXPLORER.EXE' } } })).toBe(true)
    expect(match({ 'process.parent.name': 'explorer.exe' })).toBe(true)
    expect(match({ process: { 'parent.name': 'explorer.exe' } })).toBe(true)
    expect(match({ process: { parent: 'explorer.exe' } })).toBe(false)
  })

  it('should match any element of an array value', () => {
    const { match } = testRule('sel:\n    tags: admin\ncondition: sel')
    expect(match({ tags: ['user', 'Admin'] })).toBe(true)
    expect(match({ tags: [] })).toBe(false)
  })

  it('should make a number equal to its string form', () => {
    const number = testRule('sel:\n    EventID: 1\ncondition: sel')
    expect(number.match({ EventID: 1 })).toBe(true)
    expect(number.match({ EventID: '1' })).toBe(true)
    expect(number.match({ EventID: 10 })).toBe(false)
    const text = testRule("sel:\n    EventID: '4688'\ncondition: sel")
    expect(text.match({ EventID: 4688 })).toBe(true)
  })

  it('should compare strings case-insensitively unless `cased`', () => {
    const { match } = testRule('sel:\n    User: Administrator\ncondition: sel')
    expect(match({ User: 'ADMINISTRATOR' })).toBe(true)
  })

  it('should treat `null` as absent or null, and `\'\'` as the empty string only', () => {
    const isNull = testRule('sel:\n    User: null\ncondition: sel')
    expect(isNull.match({})).toBe(true)
    expect(isNull.match({ User: null })).toBe(true)
    expect(isNull.match({ User: '' })).toBe(false)
    const isEmpty = testRule("sel:\n    User: ''\ncondition: sel")
    expect(isEmpty.match({ User: '' })).toBe(true)
    expect(isEmpty.match({})).toBe(false)
    expect(isEmpty.match({ User: null })).toBe(false)
  })

  it('should make `not` over a selection whose field is absent true', () => {
    const { match } = testRule('sel:\n    Image: x.exe\nfilter:\n    User: SYSTEM\ncondition: sel and not filter')
    expect(match({ Image: 'x.exe' })).toBe(true)
    expect(match({ Image: 'x.exe', User: 'system' })).toBe(false)
  })

  it('should AND the fields of a map and OR the maps of a list', () => {
    const { match } = testRule('sel:\n    - A: 1\n      B: 2\n    - C: 3\ncondition: sel')
    expect(match({ A: 1, B: 2 })).toBe(true)
    expect(match({ A: 1 })).toBe(false)
    expect(match({ C: 3 })).toBe(true)
  })

  it('should OR the values of a list', () => {
    const { match } = testRule('sel:\n    Image|endswith:\n        - \\a.exe\n        - \\b.exe\ncondition: sel')
    expect(match({ Image: 'C:\\b.exe' })).toBe(true)
    expect(match({ Image: 'C:\\c.exe' })).toBe(false)
  })

  it('should search keywords in every value of the event, ORed, or ANDed with `|all`', () => {
    const { match } = testRule("keywords:\n    - 'failed password'\n    - 'invalid user'\ncondition: keywords")
    expect(match({ message: 'sshd: Failed password for root' })).toBe(true)
    expect(match({ nested: { deep: ['x', 'an INVALID USER'] } })).toBe(true)
    expect(match({ message: 'accepted' })).toBe(false)
    const all = testRule("keywords:\n    '|all':\n        - 'sudo'\n        - 'root'\ncondition: keywords")
    expect(all.match({ a: 'sudo', b: 'root' })).toBe(true)
    expect(all.match({ a: 'sudo' })).toBe(false)
  })

  it('should apply a keyword with a field modifier to every value', () => {
    const { match } = testRule("keywords:\n    '|re': 'pass(word)?='\ncondition: keywords")
    expect(match({ a: 'url?password=x' })).toBe(true)
  })

  it('should make `them` and patterns skip identifiers starting with `_`', () => {
    const them = testRule('sel1:\n    A: 1\nsel2:\n    B: 2\n_ignored:\n    C: 3\ncondition: all of them')
    expect(them.match({ A: 1, B: 2 })).toBe(true)
    const pattern = testRule('sel1:\n    A: 1\n_sel2:\n    B: 2\ncondition: 1 of *sel*')
    expect(pattern.match({ B: 2 })).toBe(false)
    expect(pattern.problems).toEqual(['test.yml:7:5: warning: Search identifier `_sel2` is not used in the condition [unused-identifier]'])
    const underscore = testRule('sel1:\n    A: 1\n_sel2:\n    B: 2\ncondition: sel1 or 1 of _sel*')
    expect(underscore.match({ B: 2 })).toBe(true)
  })

  it('should OR the conditions of a list of conditions', () => {
    const { match } = testRule('a:\n    A: 1\nb:\n    B: 1\ncondition:\n    - a\n    - b')
    expect(match({ B: 1 })).toBe(true)
    expect(match({ C: 1 })).toBe(false)
  })

  it('should compare booleans with booleans and their text', () => {
    const { match } = testRule('sel:\n    Enabled: true\ncondition: sel')
    expect(match({ Enabled: true })).toBe(true)
    expect(match({ Enabled: 'True' })).toBe(true)
    expect(match({ Enabled: false })).toBe(false)
  })
})

describe('matches: properties', () => {
  const rules = [
    testRule("sel:\n    Image|endswith: '\\\\a.exe'\n    CommandLine|re: 'x+y'\nkw:\n    - 'z'\ncondition: sel or kw"),
    testRule('sel:\n    A|cidr: 10.0.0.0/8\n    B|gte: 3\n    C: null\n    D|exists: true\n    E|fieldref: F\n    G|hour: 3\ncondition: not sel'),
    testRule("sel:\n    A.b.c|contains|all:\n        - x\n        - y\n    N: 1\n    T: true\ncondition: sel"),
  ]

  it('should return a boolean for any JSON value as the event, never throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat({ max: rules.length - 1 }), (event, index) => {
        expect(typeof rules[index]!.match(event)).toBe('boolean')
      }),
      { numRuns: 2000 },
    )
  })

  it('should return a boolean for events with random values in the rules\' fields', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.ipV4(), fc.ipV6(), fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())))
    const event = fc.record({ A: value, B: value, C: value, D: value, E: value, F: value, G: value, Image: value, CommandLine: value, N: value, T: value }, { requiredKeys: [] })
    fc.assert(
      fc.property(event, fc.nat({ max: rules.length - 1 }), (e, index) => {
        expect(typeof rules[index]!.match(e)).toBe('boolean')
      }),
      { numRuns: 2000 },
    )
  })
})
