import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from './diagnostics'
import { parseSigma } from './load'
import { matches } from './evaluate'

const problems = (text: string) => parseSigma(text, 'r.yml').diagnostics.map(formatDiagnostic)

const RULE = `title: Whoami
id: 9b2b1a4c-8d3e-4f5a-9b6c-7d8e9f0a1b2c
status: test
level: high
date: 2024-01-31
modified: 2024-02-29
tags:
    - attack.discovery
    - attack.t1033
    - attack.lateral_movement
    - car.2016-03-001
    - cve.2021-44228
    - detection.threat-hunting
    - tlp.clear
related:
    - id: 0b2b1a4c-8d3e-4f5a-9b6c-7d8e9f0a1b2c
      type: derived
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\whoami.exe'
    condition: selection
custom_field: kept
`

describe('parseSigma: rules', () => {
  it('should read a valid rule with every node located', () => {
    const { documents, diagnostics } = parseSigma(RULE, 'r.yml')
    expect(diagnostics).toEqual([])
    const [rule] = documents
    expect(rule).toMatchObject({
      type: 'rule',
      title: 'Whoami',
      status: 'test',
      level: 'high',
      logsource: { category: 'process_creation', product: 'windows' },
      related: [{ id: '0b2b1a4c-8d3e-4f5a-9b6c-7d8e9f0a1b2c', type: 'derived' }],
      custom: { custom_field: 'kept' },
      location: { file: 'r.yml', start: { line: 1, column: 1 } },
    })
    expect(rule?.type === 'rule' && rule.expression).toMatchObject({
      kind: 'StringMatchNode',
      field: 'Image',
      location: { file: 'r.yml', start: { line: 23, column: 25 } },
    })
  })

  it('should validate status, level, dates, id, tags and title', () => {
    const text = RULE.replace('status: test', 'status: done')
      .replace('level: high', 'level: severe')
      .replace('date: 2024-01-31', 'date: 2024/01/31')
      .replace('modified: 2024-02-29', 'modified: 2023-02-29')
      .replace('id: 9b2b1a4c-8d3e-4f5a-9b6c-7d8e9f0a1b2c', 'id: 42')
      .replace('attack.t1033', 'attack.T1033')
      .replace('car.2016-03-001', 'car.x')
      .replace('tlp.clear', 'attack.discovery')
      .replace('title: Whoami', `title: ${'x'.repeat(300)}`)
    expect(problems(text)).toEqual([
      'r.yml:1:8: error: Title is 300 characters long, at most 256 are allowed [title-too-long]',
      'r.yml:2:5: error: Invalid id `42`, expected a UUID [invalid-id]',
      'r.yml:3:9: error: Invalid status `done`, expected one of `stable`, `test`, `experimental`, `deprecated`, `unsupported` [invalid-status]',
      'r.yml:4:8: error: Invalid level `severe`, expected one of `informational`, `low`, `medium`, `high`, `critical` [invalid-level]',
      'r.yml:5:7: error: Invalid date `2024/01/31`, expected a date as YYYY-MM-DD [invalid-date]',
      'r.yml:6:11: error: Invalid modified `2023-02-29`, expected a date as YYYY-MM-DD [invalid-date]',
      'r.yml:9:7: error: Tag `attack.T1033` must be lowercase [invalid-tag]',
      'r.yml:11:7: error: Invalid `car` tag `car.x` [invalid-tag]',
      'r.yml:14:7: error: Tag `attack.discovery` is listed twice [duplicate-tag]',
    ])
  })

  it('should require title, logsource and detection with a condition', () => {
    expect(problems('description: nothing else\n')).toEqual([
      'r.yml:1:1: error: Missing required `title` [missing-title]',
      'r.yml:1:1: error: Missing required `logsource` [missing-logsource]',
      'r.yml:1:1: error: Missing required `detection` [missing-detection]',
    ])
    expect(problems('title: t\nlogsource: {}\ndetection:\n    sel: {A: 1}\n')).toEqual([
      'r.yml:2:12: warning: `logsource` has none of `category`, `product` or `service`: no converter can select its data [empty-logsource]',
      'r.yml:4:5: error: Missing `condition` in the detection [missing-condition]',
    ])
  })

  it('should report every problem of a file in one run, in order', () => {
    const text = 'title: t\nid: x\nlogsource: {product: p}\ndetection:\n    sel:\n        A|foo: 1\n        B|bar: 2\n    condition: sel or nope\n'
    expect(problems(text)).toEqual([
      'r.yml:2:5: error: Invalid id `x`, expected a UUID [invalid-id]',
      'r.yml:6:11: error: Unknown modifier `foo` [unknown-modifier]',
      'r.yml:7:11: error: Unknown modifier `bar` [unknown-modifier]',
      'r.yml:8:23: error: Unknown search identifier `nope` in the condition [unknown-identifier]',
    ])
  })

  it('should report YAML syntax errors at their position and keep reading the other documents', () => {
    const text = 'title: a\nlogsource: {product: p}\ndetection: {sel: {A: [1, }\n---\ntitle: b\nlogsource: {product: p}\ndetection: {sel: {A: 1}, condition: sel}\n'
    const { documents, diagnostics } = parseSigma(text, 'r.yml')
    expect(diagnostics.map(formatDiagnostic)[0]).toMatch(/^r\.yml:3:\d+: error: .+ \[yaml-syntax\]$/)
    expect(documents.map((d) => d.title)).toEqual(['b'])
  })

  it('should reject a duplicate id within one file, naming the first place', () => {
    const doc = 'title: t\nid: 9b2b1a4c-8d3e-4f5a-9b6c-7d8e9f0a1b2c\nlogsource: {product: p}\ndetection: {sel: {A: 1}, condition: sel}\n'
    expect(problems(doc + '---\n' + doc)).toEqual([
      'r.yml:7:5: error: Duplicate id `9b2b1a4c-8d3e-4f5a-9b6c-7d8e9f0a1b2c`, also used at r.yml:2:5 [duplicate-id]',
    ])
  })

  it('should read numbers with leading zeros as strings, as YAML 1.1 does', () => {
    const { documents } = parseSigma('title: t\nlogsource: {product: p}\ndetection:\n    sel:\n        D|contains: 00000429\n    condition: sel\n', 'r.yml')
    const rule = documents[0]!
    expect(rule.type === 'rule' && matches(rule.expression, { D: 'x00000429' })).toBe(true)
  })
})

describe('parseSigma: legacy collections', () => {
  it('should merge `action: global` into each following document, and stop at `action: reset`', () => {
    const text = [
      'action: global\ntitle: Shared\nlogsource: {product: windows}\ndetection:\n    common: {User: bob}\n    condition: common and sel',
      'logsource: {service: security}\ndetection:\n    sel: {EventID: 1}',
      'logsource: {service: system}\ndetection:\n    sel: {EventID: 2}',
      'action: reset',
      'title: Alone\nlogsource: {product: linux}\ndetection: {sel: {A: 1}, condition: sel}',
    ].join('\n---\n')
    const { documents, diagnostics } = parseSigma(text, 'r.yml')
    expect(diagnostics).toEqual([])
    expect(documents.map((d) => [d.title, d.type === 'rule' && d.logsource])).toEqual([
      ['Shared', { product: 'windows', service: 'security' }],
      ['Shared', { product: 'windows', service: 'system' }],
      ['Alone', { product: 'linux' }],
    ])
    const first = documents[0]!
    expect(first.type === 'rule' && matches(first.expression, { User: 'bob', EventID: 1 })).toBe(true)
    expect(first.type === 'rule' && matches(first.expression, { User: 'bob', EventID: 2 })).toBe(false)
    expect(first.source).toContain('service: security')
  })

  it('should repeat the previous document with changes on `action: repeat`', () => {
    const text = 'title: One\nlogsource: {product: p}\ndetection: {sel: {A: 1}, condition: sel}\n---\naction: repeat\ntitle: Two\n'
    const { documents } = parseSigma(text, 'r.yml')
    expect(documents.map((d) => d.title)).toEqual(['One', 'Two'])
  })
})

describe('parseSigma: correlations and filters', () => {
  it('should read a correlation with its condition, group-by, timespan and aliases', () => {
    const text = `title: Brute force
correlation:
    type: value_count
    rules: [failed_login]
    group-by: [src]
    timespan: 90s
    condition: {field: User, gte: 10, lt: 100}
    aliases:
        src: {failed_login: SourceIp}
    generate: true
`
    const { documents, diagnostics } = parseSigma(text, 'c.yml')
    expect(diagnostics).toEqual([])
    expect(documents[0]).toMatchObject({
      type: 'correlation',
      correlationType: 'value_count',
      rules: ['failed_login'],
      groupBy: ['src'],
      timespan: { text: '90s', seconds: 90 },
      condition: { field: 'User', comparisons: [{ op: 'gte', value: 10 }, { op: 'lt', value: 100 }] },
      aliases: { src: { failed_login: 'SourceIp' } },
      generate: true,
    })
  })

  it('should validate the correlation block', () => {
    const text = 'title: c\ncorrelation:\n    type: event_total\n    rules: []\n    timespan: 5 minutes\n    condition: {gte: ten}\n'
    expect(problems(text)).toEqual([
      'r.yml:2:1: error: Missing required `correlation.group-by` [missing-correlation-group-by]',
      'r.yml:3:11: error: Unknown correlation type `event_total`, expected one of `event_count`, `value_count`, `temporal`, `temporal_ordered`, `value_sum`, `value_avg`, `value_percentile` [invalid-correlation-type]',
      'r.yml:4:12: error: `correlation.rules` is empty [empty-correlation-rules]',
      'r.yml:5:15: error: Invalid timespan `5 minutes`, expected a number and s, m, h or d such as `5m` [invalid-timespan]',
      'r.yml:6:5: error: The correlation condition needs a comparison such as `gte: 10` [invalid-correlation-condition]',
      'r.yml:6:22: error: Expected `condition.gte` to be a number, found a string [invalid-type]',
    ])
  })

  it('should read a filter with its rules and detection', () => {
    const text = `title: Admins
logsource: {category: process_creation, product: windows}
filter:
    rules: [9b2b1a4c-8d3e-4f5a-9b6c-7d8e9f0a1b2c]
    selection: {User|startswith: adm_}
    condition: not selection
`
    const { documents, diagnostics } = parseSigma(text, 'f.yml')
    expect(diagnostics).toEqual([])
    const filter = documents[0]!
    expect(filter).toMatchObject({ type: 'filter', rules: ['9b2b1a4c-8d3e-4f5a-9b6c-7d8e9f0a1b2c'] })
    expect(filter.type === 'filter' && matches(filter.expression, { User: 'ADM_x' })).toBe(false)
  })
})

describe('parseSigma: properties', () => {
  const pieces = fc.constantFrom(
    'title: t\n', 'logsource: {product: p}\n', 'detection:\n', '    sel:\n', '        A|contains: x\n', '        B|re: "(a"\n',
    '    condition: sel\n', '    condition: sel and (\n', '---\n', 'action: global\n', 'action: repeat\n', 'correlation:\n',
    '    type: temporal\n', '    rules: 5\n', 'filter:\n', '  - [\n', '&a x\n', '*a\n', '"\n', '\t\n', 'id: 1\n', 'tags: [A]\n',
  )
  const texts = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 16 }).map((p) => p.join('')))

  it('should never throw, and locate every diagnostic inside the text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const lines = text.split('\n').length
        const { diagnostics } = parseSigma(text, 'p.yml')
        for (const d of diagnostics) {
          expect(d.location.file).toBe('p.yml')
          expect(d.location.start.line).toBeGreaterThanOrEqual(1)
          expect(d.location.start.line).toBeLessThanOrEqual(lines)
          expect(d.location.start.column).toBeGreaterThanOrEqual(1)
          expect(d.code).not.toBe('internal-error')
        }
      }),
      { numRuns: 2000 },
    )
  })
})
