import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { matches } from '../../sigma/evaluate'
import { loadRegressionData, loadRules, regressionAgreement } from './corpus'

const root = mkdtempSync(path.join(tmpdir(), 'atlas-corpus-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const record = (image: string) => ({ Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Image: image } } })

describe('corpus loading', () => {
  it('should read regression cases with concatenated records and compare the evaluator with match_count', () => {
    const rules = path.join(root, 'rules')
    mkdirSync(rules, { recursive: true })
    writeFileSync(
      path.join(rules, 'r.yml'),
      "title: t\nid: 11111111-2222-4333-8444-555555555555\nlogsource: { product: windows, category: process_creation }\ndetection:\n  sel: { Image|endswith: '\\cmd.exe' }\n  condition: sel\n",
    )
    const caseDir = path.join(root, 'regression_data/rules/windows/r')
    mkdirSync(caseDir, { recursive: true })
    writeFileSync(
      path.join(caseDir, 'info.yml'),
      'rule_metadata:\n  - id: 11111111-2222-4333-8444-555555555555\nregression_tests_info:\n  - match_count: 1\n',
    )
    writeFileSync(path.join(caseDir, 'e.json'), JSON.stringify(record('C:\\cmd.exe'), null, 2) + '\n' + JSON.stringify(record('C:\\x.exe')))

    const { rules: loaded } = loadRules(rules)
    const cases = loadRegressionData(path.join(root, 'regression_data'))
    expect(cases).toHaveLength(1)
    expect(cases[0]!.events.map((e) => e.Image)).toEqual(['C:\\cmd.exe', 'C:\\x.exe'])
    const agreement = regressionAgreement(cases, new Map(loaded.map(({ rule }) => [rule.id!, rule])), (rule, event) => matches(rule.expression, event))
    expect(agreement).toMatchObject({ cases: 1, events: 2, agreeing: 1, missingRules: [] })
  })
})
