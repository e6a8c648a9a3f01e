import { describe, expect, it } from 'vitest'
import { renderKibanaNdjson } from './kibana-ndjson'
import { kibanaRuleImportSchema } from './kibana-rule-schema'
import { formatInput, ruleMeta } from './test-input'

function importLine(text: string) {
  expect(text.endsWith('\n')).toBe(true)
  expect(text.trimEnd()).not.toContain('\n')
  return kibanaRuleImportSchema.parse(JSON.parse(text))
}

describe('kibana-ndjson', () => {
  it.each([
    ['lucene', 'query'],
    ['kuery', 'query'],
    ['eql', 'eql'],
    ['esql', 'esql'],
  ])('should emit one importable %s rule line', (language, type) => {
    const result = renderKibanaNdjson(formatInput({ language, query: language === 'esql' ? 'FROM logs-* | WHERE true' : 'x' }))
    if (!result.ok) throw new Error(result.reason)
    const rule = importLine(result.text)
    expect(rule).toMatchObject({ type, language, rule_id: '5b8f3f0c-3d6f-4f0e-9b0b-1f0b7d7e6a11', severity: 'medium', risk_score: 47, interval: '5m', from: 'now-9m' })
    expect('index' in rule).toBe(type !== 'esql')
  })

  it("should map ATT&CK in Kibana's threat shape", () => {
    const result = renderKibanaNdjson(formatInput())
    if (!result.ok) throw new Error(result.reason)
    expect(importLine(result.text).threat).toEqual([
      {
        framework: 'MITRE ATT&CK',
        tactic: { id: 'TA0008', name: 'Lateral Movement', reference: 'https://attack.mitre.org/tactics/TA0008/' },
        technique: [
          {
            id: 'T1021',
            name: 'Remote Services',
            reference: 'https://attack.mitre.org/techniques/T1021/',
            subtechnique: [{ id: 'T1021.003', name: 'Distributed Component Object Model', reference: 'https://attack.mitre.org/techniques/T1021/003/' }],
          },
        ],
      },
    ])
  })

  it('should give a rule without an id a stable rule_id and map informational to low', () => {
    const input = formatInput({ rule: ruleMeta({ id: undefined, level: 'informational' }) })
    const first = renderKibanaNdjson(input)
    const second = renderKibanaNdjson(input)
    if (!first.ok || !second.ok) throw new Error('not converted')
    const rule = importLine(first.text)
    expect(rule.rule_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(first.text).toBe(second.text)
    expect(rule).toMatchObject({ severity: 'low', risk_score: 21 })
  })

  it('should refuse SPL and KQL queries', () => {
    expect(renderKibanaNdjson(formatInput({ language: 'spl' }))).toMatchObject({ ok: false, code: 'format-language' })
  })

  it('should make the import schema reject unknown keys and missing required ones', () => {
    const result = renderKibanaNdjson(formatInput())
    if (!result.ok) throw new Error(result.reason)
    const rule = JSON.parse(result.text)
    expect(kibanaRuleImportSchema.safeParse({ ...rule, surprise: 1 }).success).toBe(false)
    const { risk_score: _, ...withoutRisk } = rule
    expect(kibanaRuleImportSchema.safeParse(withoutRisk).success).toBe(false)
  })
})

describe('kibana-ndjson for correlations', () => {
  it('should widen the default look-back to the interval plus the correlation timespan, and refuse a given one that is shorter', () => {
    const rule = { ...ruleMeta(), type: 'correlation', timespan: { text: '1h', seconds: 3600 } }
    const result = renderKibanaNdjson(formatInput({ language: 'eql', rule }))
    if (!result.ok) throw new Error(result.reason)
    expect(JSON.parse(result.text)).toMatchObject({ interval: '5m', from: 'now-65m' })
    expect(renderKibanaNdjson(formatInput({ language: 'eql', rule, schedule: { interval: '5m', lookback: '30m' } }))).toMatchObject({ ok: false, code: 'bad-schedule' })
  })
})
