import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { parseSigma, resolveCollection } from '../../sigma'
import { convert, targets } from '../index'
import { kibanaRuleImportSchema } from './kibana-rule-schema'

const here = path.dirname(fileURLToPath(import.meta.url))
const load = (file: string) => resolveCollection([parseSigma(readFileSync(path.join(here, file), 'utf8'), file)]).collection
const seed1 = load('../__fixtures__/seed-mmc.yml')
const seed2 = load('../correlations/__fixtures__/seed-dcom-mmc.yml')
const correlation = seed2.documents.find((d) => d.type === 'correlation')!
const networkRule = seed2.documents.find((d) => d.name === 'mmc_spawns_process')!

function ok(result: ReturnType<typeof convert>): string {
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`)
  return result.query
}

describe('output formats through convert', () => {
  it('should offer each format to the targets of its language', () => {
    const formats = Object.fromEntries(targets.map((t) => [t.id, t.formats]))
    expect(formats.lucene).toEqual(['default', 'watcher', 'kibana-ndjson'])
    expect(formats.eql).toEqual(['default', 'kibana-ndjson'])
    expect(formats.esql).toEqual(['default', 'kibana-ndjson'])
    expect(formats.splunk).toEqual(['default', 'savedsearches'])
    expect(formats.kql).toEqual(['default', 'sentinel'])
  })

  it("should write the second seed's correlation as an importable Elastic EQL rule with its ATT&CK mapping", () => {
    const rule = kibanaRuleImportSchema.parse(JSON.parse(ok(convert(correlation, seed2, { target: 'eql', format: 'kibana-ndjson' }))))
    expect(rule).toMatchObject({ type: 'eql', language: 'eql', severity: 'high', risk_score: 73, rule_id: 'c4c13f03-7a21-44e8-bb0a-7a551d0161af' })
    expect(rule.query).toMatch(/^sequence by \S+ with maxspan=1m\n {2}\[network where /)
    expect(rule.threat?.map((t) => t.tactic.id).sort()).toEqual(['TA0005', 'TA0008'])
    expect(rule.threat?.flatMap((t) => t.technique?.flatMap((x) => x.subtechnique?.map((s) => s.id) ?? []) ?? []).sort()).toEqual(['T1021.003', 'T1218.014'])
  })

  it('should write importable ES|QL and Lucene rules', () => {
    for (const target of ['esql', 'lucene']) {
      const rule = kibanaRuleImportSchema.parse(JSON.parse(ok(convert(seed1.documents[0]!, seed1, { target, format: 'kibana-ndjson' }))))
      expect(rule.type).toBe(target === 'esql' ? 'esql' : 'query')
    }
  })

  it('should write a Sentinel rule naming the Defender connector of its table, for a rule and for a correlation', () => {
    const single = parse(ok(convert(networkRule, seed2, { target: 'kql', format: 'sentinel' })))
    expect(single.requiredDataConnectors).toEqual([{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceProcessEvents'] }])
    expect(single.query).toBe('DeviceProcessEvents\n| where InitiatingProcessFolderPath endswith @"\\mmc.exe"')
    const windowsEvent = parse(ok(convert(correlation, seed2, { target: 'kql', pipeline: 'sentinel-windows-event', format: 'sentinel' })))
    expect(windowsEvent.requiredDataConnectors).toEqual([{ connectorId: 'WindowsForwardedEvents', dataTypes: ['WindowsEvent'] }])
    expect(windowsEvent.tactics.sort()).toEqual(['DefenseEvasion', 'LateralMovement'])
    expect(windowsEvent.query).toContain('| join kind=inner SigmaRule1 on ComputerName')
  })

  it('should write a savedsearches.conf stanza and a Watcher for the first seed', () => {
    expect(ok(convert(seed1.documents[0]!, seed1, { target: 'splunk', format: 'savedsearches' }))).toMatch(/^\[Processes created by MMC\]\ndescription = .*\nsearch = .*RunCmd/)
    expect(JSON.parse(ok(convert(seed1.documents[0]!, seed1, { target: 'lucene', format: 'watcher' }))).condition).toEqual({ compare: { 'ctx.payload.hits.total': { not_eq: 0 } } })
  })

  it('should put the given schedule, severity and risk score into every format, the query unchanged', () => {
    const facts = { schedule: { interval: '10m', lookback: '30m', maxAlerts: 7 }, severity: 'critical', riskScore: 88 } as const
    const rule = JSON.parse(ok(convert(correlation, seed2, { target: 'eql', format: 'kibana-ndjson', facts })))
    expect(rule).toMatchObject({ risk_score: 88, severity: 'critical', interval: '10m', from: 'now-30m', max_signals: 7 })
    expect(rule.query).toBe(ok(convert(correlation, seed2, { target: 'eql' })))
    expect(ok(convert(seed1.documents[0]!, seed1, { target: 'splunk', format: 'savedsearches', facts }))).toMatch(/^cron_schedule = \*\/10 \* \* \* \*$/m)
    expect(ok(convert(correlation, seed2, { target: 'kql', pipeline: 'sentinel-windows-event', format: 'sentinel', facts }))).toMatch(/^queryFrequency: 10m$/m)
    expect(ok(convert(correlation, seed2, { target: 'kql', pipeline: 'sentinel-windows-event', format: 'sentinel', facts: { severity: 'low' } }))).toMatch(/^severity: Low$/m)
    expect(JSON.parse(ok(convert(seed1.documents[0]!, seed1, { target: 'lucene', format: 'watcher', facts }))).trigger).toEqual({ schedule: { interval: '10m' } })
  })

  it('should refuse a look-back shorter than the interval plus the correlation timespan rather than cut windows', () => {
    const result = convert(correlation, seed2, { target: 'eql', format: 'kibana-ndjson', facts: { schedule: { interval: '5m', lookback: '5m' } } })
    expect(result).toMatchObject({ ok: false, code: 'bad-schedule' })
  })
})
