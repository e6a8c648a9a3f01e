import { describe, expect, it } from 'vitest'
import { matches } from './evaluate'
import { MODIFIER_NAMES, MODIFIERS, type ModifierName } from './modifiers'
import type { Expression } from './nodes'
import { testRule } from './test-rule'

const location = { file: 'test.yml', start: { line: 1, column: 1, offset: 0 } }

const tested = new Set<ModifierName>()
/** A test of one or more modifiers; the last test checks that every modifier has one. */
function modifier(names: ModifierName[], title: string, body: () => void) {
  for (const name of names) tested.add(name)
  it(`should ${title}`, body)
}

const b64 = (text: string) => btoa(text)

describe('value modifiers', () => {
  modifier(['contains'], 'match a value anywhere in the field with `contains`', () => {
    const { match } = testRule('sel:\n    CommandLine|contains: mimikatz\ncondition: sel')
    expect(match({ CommandLine: 'run MimiKatz.exe now' })).toBe(true)
    expect(match({ CommandLine: 'mimi' })).toBe(false)
  })

  modifier(['startswith'], 'match the start of a value with `startswith`', () => {
    const { match } = testRule('sel:\n    Image|startswith: C:\\Temp\\\ncondition: sel')
    expect(match({ Image: 'c:\\temp\\x.exe' })).toBe(true)
    expect(match({ Image: 'D:\\c:\\temp\\x.exe' })).toBe(false)
  })

  modifier(['endswith'], 'match the end of a value with `endswith`, escaping a trailing backslash correctly', () => {
    const { match } = testRule("sel:\n    Image|endswith: '\\cmd.exe'\ncondition: sel")
    expect(match({ Image: 'C:\\Windows\\CMD.EXE' })).toBe(true)
    expect(match({ Image: 'C:\\Windows\\xcmd.exe' })).toBe(false)
    const trailing = testRule("sel:\n    Path|startswith: 'C:\\Windows\\'\ncondition: sel")
    expect(trailing.match({ Path: 'C:\\Windows\\System32' })).toBe(true)
  })

  modifier(['all'], 'AND the values of a list with `all`', () => {
    const { match } = testRule('sel:\n    CommandLine|contains|all:\n        - -nop\n        - -enc\ncondition: sel')
    expect(match({ CommandLine: 'powershell -nop -enc AAA' })).toBe(true)
    expect(match({ CommandLine: 'powershell -nop' })).toBe(false)
  })

  modifier(['base64'], 'base64-encode the value with `base64`', () => {
    const { match } = testRule('sel:\n    Data|base64: http://\ncondition: sel')
    expect(match({ Data: b64('http://') })).toBe(true)
    expect(match({ Data: 'http://' })).toBe(false)
  })

  modifier(['base64offset'], 'find a value at any of the three offsets of a base64 blob with `base64offset|contains`', () => {
    const { match } = testRule('sel:\n    Data|base64offset|contains: /bin/bash\ncondition: sel')
    for (const prefix of ['', 'x', 'xy', 'xyz', 'wxyz']) {
      expect(match({ Data: b64(prefix + '/bin/bash -i') })).toBe(true)
    }
    expect(match({ Data: b64('/bin/sh -i') })).toBe(false)
  })

  modifier(['utf16le', 'wide'], 'encode as UTF-16LE with `utf16le` and its alias `wide`', () => {
    for (const name of ['utf16le', 'wide']) {
      const { match } = testRule(`sel:\n    Data|${name}|base64offset|contains: ping\ncondition: sel`)
      expect(match({ Data: b64('cmd /c ping'.replace(/./g, (c) => c + '\0')) })).toBe(true)
    }
  })

  modifier(['utf16be'], 'encode as UTF-16BE with `utf16be`', () => {
    const { match } = testRule('sel:\n    Data|utf16be|base64: ab\ncondition: sel')
    expect(match({ Data: b64('\0a\0b') })).toBe(true)
  })

  modifier(['utf16'], 'encode as UTF-16 with a byte order mark with `utf16`', () => {
    const { match } = testRule('sel:\n    Data|utf16|base64: ab\ncondition: sel')
    expect(match({ Data: b64('\xff\xfea\0b\0') })).toBe(true)
  })

  modifier(['windash'], 'expand a word-initial `-` or `/` into all five dashes with `windash`', () => {
    const { match } = testRule("sel:\n    CommandLine|windash|contains: ' -s '\ncondition: sel")
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) expect(match({ CommandLine: `sc ${dash}s x` })).toBe(true)
    expect(match({ CommandLine: 'sc +s x' })).toBe(false)
    const two = testRule("sel:\n    CommandLine|windash|contains: '-a -b'\ncondition: sel")
    expect(two.match({ CommandLine: 'x \u2014a /b' })).toBe(true)
    const inWord = testRule("sel:\n    CommandLine|windash: 'a-b'\ncondition: sel")
    expect(inWord.match({ CommandLine: 'a/b' })).toBe(false)
  })

  modifier(['re'], 'search with a regular expression (unanchored, case-sensitive) with `re`', () => {
    const { match } = testRule("sel:\n    CommandLine|re: 'enc(oded)?command'\ncondition: sel")
    expect(match({ CommandLine: 'powershell -encodedcommand AAA' })).toBe(true)
    expect(match({ CommandLine: 'powershell -ENCODEDCOMMAND AAA' })).toBe(false)
    const anchored = testRule("sel:\n    CommandLine|re: '^cmd$'\ncondition: sel")
    expect(anchored.match({ CommandLine: 'cmd' })).toBe(true)
    expect(anchored.match({ CommandLine: 'cmd /c' })).toBe(false)
  })

  modifier(['i', 'ignorecase'], 'make a regular expression case-insensitive with `i` or `ignorecase`', () => {
    for (const flag of ['i', 'ignorecase']) {
      const { match } = testRule(`sel:\n    CommandLine|re|${flag}: 'encodedcommand'\ncondition: sel`)
      expect(match({ CommandLine: '-EncodedCommand' })).toBe(true)
    }
  })

  modifier(['m', 'multiline'], 'make `^` and `$` match at line breaks with `m` or `multiline`', () => {
    for (const flag of ['m', 'multiline']) {
      const { match } = testRule(`sel:\n    Body|re|${flag}: '^second$'\ncondition: sel`)
      expect(match({ Body: 'first\nsecond\nthird' })).toBe(true)
    }
    expect(testRule("sel:\n    Body|re: '^second$'\ncondition: sel").match({ Body: 'first\nsecond' })).toBe(false)
  })

  modifier(['s', 'dotall'], 'make `.` match a line break with `s` or `dotall`', () => {
    for (const flag of ['s', 'dotall']) {
      const { match } = testRule(`sel:\n    Body|re|${flag}: 'a.b'\ncondition: sel`)
      expect(match({ Body: 'a\nb' })).toBe(true)
    }
    expect(testRule("sel:\n    Body|re: 'a.b'\ncondition: sel").match({ Body: 'a\nb' })).toBe(false)
  })

  modifier(['cidr'], 'match IPv4 and IPv6 networks with `cidr`', () => {
    const { match } = testRule("sel:\n    Ip|cidr:\n        - 10.0.0.0/8\n        - 'fe80::/10'\ncondition: sel")
    expect(match({ Ip: '10.1.2.3' })).toBe(true)
    expect(match({ Ip: '11.1.2.3' })).toBe(false)
    expect(match({ Ip: 'fe80::1' })).toBe(true)
    expect(match({ Ip: '::ffff:10.0.0.1' })).toBe(false) // an IPv4-mapped address is IPv6: only IPv6 networks cover it
    expect(match({ Ip: 'not an ip' })).toBe(false)
    expect(testRule('sel:\n    Ip|cidr: 10.0.0.0/33\ncondition: sel').errors).toEqual([
      'test.yml:6:18: error: Invalid CIDR network `10.0.0.0/33` [invalid-cidr]',
    ])
  })

  modifier(['exists'], 'test whether a field is present with `exists: true` and absent with `exists: false`', () => {
    const present = testRule('sel:\n    User|exists: true\ncondition: sel')
    expect(present.match({ User: '' })).toBe(true)
    expect(present.match({})).toBe(false)
    const absent = testRule('sel:\n    User|exists: false\ncondition: sel')
    expect(absent.match({})).toBe(true)
    expect(absent.match({ User: 'x' })).toBe(false)
    expect(testRule("sel:\n    User|exists: 'yes'\ncondition: sel").errors).toEqual([
      'test.yml:6:14: error: Modifier `exists` cannot be applied to a string [modifier-type-mismatch]',
    ])
  })

  modifier(['expand'], 'expand placeholders from configuration with `expand`, and reject unexpanded ones', () => {
    const detection = 'sel:\n    User|expand: "%Admins%"\ncondition: sel'
    const configured = testRule(detection, { placeholders: { Admins: ['root', 'adm_*'] } })
    expect(configured.errors).toEqual([])
    expect(configured.match({ User: 'ADM_bob' })).toBe(true)
    expect(configured.match({ User: 'bob' })).toBe(false)
    expect(testRule(detection).errors).toEqual(['test.yml:6:22: error: Placeholder `%Admins%` has no configured values [unexpanded-placeholder]'])
    const node: Expression = { kind: 'StringMatchNode', field: 'User', value: [{ kind: 'Placeholder', name: 'Admins' }], cased: false, location }
    expect(matches(node, { User: 'root' }, { placeholders: { Admins: ['root'] } })).toBe(true)
    expect(() => matches(node, { User: 'root' })).toThrow('Placeholder `%Admins%` has no configured values')
  })

  modifier(['fieldref'], 'compare two fields of the event with `fieldref`, also with startswith/endswith/contains', () => {
    const { match } = testRule('sel:\n    TargetUser|fieldref: SubjectUser\ncondition: sel')
    expect(match({ TargetUser: 'Bob', SubjectUser: 'bob' })).toBe(true)
    expect(match({ TargetUser: 'bob', SubjectUser: 'alice' })).toBe(false)
    expect(match({ TargetUser: 'bob' })).toBe(false)
    const contains = testRule('sel:\n    CommandLine|fieldref|contains: User\ncondition: sel')
    expect(contains.match({ CommandLine: 'runas /user:bob', User: 'BOB' })).toBe(true)
    expect(testRule("sel:\n    A|fieldref: 'B*'\ncondition: sel").errors).toEqual([
      'test.yml:6:21: error: Modifier `fieldref` does not allow wildcards in `B*` [modifier-wildcard]',
    ])
  })

  modifier(['lt', 'lte', 'gt', 'gte'], 'compare numbers with `lt`, `lte`, `gt` and `gte`, also numeric strings', () => {
    const cases: [string, number, boolean][] = [
      ['lt', 9, true],
      ['lt', 10, false],
      ['lte', 10, true],
      ['gt', 10, false],
      ['gt', 11, true],
      ['gte', 10, true],
    ]
    for (const [op, value, expected] of cases) {
      const { match } = testRule(`sel:\n    Size|${op}: 10\ncondition: sel`)
      expect(match({ Size: value })).toBe(expected)
      expect(match({ Size: String(value) })).toBe(expected)
    }
    expect(testRule("sel:\n    Size|gt: '10'\ncondition: sel").errors).toEqual([
      'test.yml:6:14: error: Modifier `gt` cannot be applied to a string [modifier-type-mismatch]',
    ])
  })

  modifier(['neq'], 'negate the item with `neq` (an absent field is not equal)', () => {
    const { match } = testRule('sel:\n    User|neq: SYSTEM\ncondition: sel')
    expect(match({ User: 'bob' })).toBe(true)
    expect(match({ User: 'system' })).toBe(false)
    expect(match({})).toBe(true)
  })

  modifier(['cased'], 'match case-sensitively with `cased`', () => {
    const { match } = testRule('sel:\n    Name|cased|contains: Mimikatz\ncondition: sel')
    expect(match({ Name: 'x Mimikatz' })).toBe(true)
    expect(match({ Name: 'x mimikatz' })).toBe(false)
  })

  modifier(['minute', 'hour', 'day', 'week', 'month', 'year'], 'compare a part of a date with the date-part modifiers', () => {
    const event = { Time: '2024-03-05T14:30:00Z' }
    const expected: Record<string, number> = { minute: 30, hour: 14, day: 5, week: 10, month: 3, year: 2024 }
    for (const [part, value] of Object.entries(expected)) {
      expect(testRule(`sel:\n    Time|${part}: ${value}\ncondition: sel`).match(event)).toBe(true)
      expect(testRule(`sel:\n    Time|${part}: ${value + 1}\ncondition: sel`).match(event)).toBe(false)
    }
  })

  it('should have a test for every modifier in the table', () => {
    expect([...tested].sort()).toEqual([...MODIFIER_NAMES].sort())
  })
})

describe('modifier chain validation', () => {
  it('should reject an unknown modifier at its column', () => {
    expect(testRule('sel:\n    CommandLine|containz: x\ncondition: sel').errors).toEqual([
      'test.yml:6:21: error: Unknown modifier `containz` [unknown-modifier]',
    ])
  })

  it('should require `re`, `cidr` and `exists` to come first', () => {
    for (const [name, value] of [
      ['re', 'x'],
      ['cidr', '10.0.0.0/8'],
      ['exists', 'true'],
    ]) {
      const errors = testRule(`sel:\n    F|cased|${name}: ${value}\ncondition: sel`).errors
      expect(errors[0]).toBe(`test.yml:6:17: error: Modifier \`${name}\` must be the first modifier, but it follows \`cased\` [modifier-not-first]`)
    }
    expect(MODIFIERS.re.first && MODIFIERS.cidr.first && MODIFIERS.exists.first).toBe(true)
  })

  it('should reject `all` on a single value', () => {
    expect(testRule('sel:\n    F|contains|all: x\ncondition: sel').errors).toEqual([
      'test.yml:6:20: error: Modifier `all` needs a list of two or more values [all-single-value]',
    ])
  })

  it('should reject wildcards with base64 and base64offset', () => {
    expect(testRule("sel:\n    F|base64: 'a*'\ncondition: sel").errors).toEqual([
      'test.yml:6:19: error: Modifier `base64` does not allow wildcards in `a*` [modifier-wildcard]',
    ])
    expect(testRule("sel:\n    F|base64offset|contains: 'a?'\ncondition: sel").errors).toHaveLength(1)
  })

  it('should allow `wide` only on ASCII text', () => {
    expect(testRule("sel:\n    F|wide|base64: 'é'\ncondition: sel").errors).toEqual([
      'test.yml:6:24: error: Modifier `wide` only applies to ASCII text [modifier-non-ascii]',
    ])
  })

  it('should reject a regular expression re2js cannot compile, at parse time', () => {
    expect(testRule("sel:\n    F|re: '(?<=a)b'\ncondition: sel").errors).toEqual([
      'test.yml:6:15: error: Invalid regular expression: error parsing regexp: invalid named capture: `(?<=a)b` (backreferences and lookaround need a backtracking engine, which a hostile pattern could hang: rule regexes use RE2 syntax) [invalid-regex]',
    ])
  })

  it('should reject regex flags without `re`', () => {
    expect(testRule('sel:\n    F|i: x\ncondition: sel').errors).toEqual([
      'test.yml:6:11: error: Modifier `i` cannot be applied to a string [modifier-type-mismatch]',
    ])
  })

  it('should match a pathological regex in linear time', () => {
    const { match } = testRule("sel:\n    F|re: '(a+)+$'\ncondition: sel")
    expect(match({ F: 'a'.repeat(50_000) + 'b' })).toBe(false)
  })
})
