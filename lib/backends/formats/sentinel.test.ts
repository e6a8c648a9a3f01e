import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { renderSentinel, sentinelTactic } from './sentinel'
import { formatInput, ruleMeta } from './test-input'

/** The fields of a scheduled rule in the Azure-Sentinel repository's Detections schema. */
const sentinelRuleSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    name: z.string().min(1).max(256),
    description: z.string().min(1),
    severity: z.enum(['Informational', 'Low', 'Medium', 'High']),
    requiredDataConnectors: z.array(z.object({ connectorId: z.string().min(1), dataTypes: z.array(z.string().min(1)).min(1) }).strict()),
    queryFrequency: z.string().regex(/^\d+[mhd]$/),
    queryPeriod: z.string().regex(/^\d+[mhd]$/),
    triggerOperator: z.enum(['gt', 'lt', 'eq']),
    triggerThreshold: z.number().int().min(0),
    tactics: z.array(
      z.enum(['Reconnaissance', 'ResourceDevelopment', 'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion', 'CredentialAccess', 'Discovery', 'LateralMovement', 'Collection', 'CommandAndControl', 'Exfiltration', 'Impact', 'ImpairProcessControl', 'InhibitResponseFunction']),
    ),
    relevantTechniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)),
    query: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    kind: z.literal('Scheduled'),
  })
  .strict()

const kql = 'DeviceProcessEvents\n| where InitiatingProcessFolderPath endswith @"\\mmc.exe"'

describe('sentinel', () => {
  it('should write a scheduled rule with every schema field', () => {
    const result = renderSentinel(formatInput({ language: 'kql', query: kql, dataSource: { kqlTable: 'DeviceProcessEvents' } }))
    if (!result.ok) throw new Error(result.reason)
    const rule = sentinelRuleSchema.parse(parse(result.text))
    expect(rule).toMatchObject({
      severity: 'Medium',
      requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceProcessEvents'] }],
      queryFrequency: '5m',
      queryPeriod: '9m',
      triggerOperator: 'gt',
      triggerThreshold: 0,
      tactics: ['LateralMovement'],
      relevantTechniques: ['T1021', 'T1021.003'],
      query: kql,
    })
    expect(result.text).toContain('query: |-\n  DeviceProcessEvents\n')
    expect(result.warnings).toEqual([])
  })

  it('should warn about a table no connector fills and about critical becoming High', () => {
    const result = renderSentinel(formatInput({ language: 'kql', query: 'T', rule: ruleMeta({ level: 'critical' }), dataSource: { kqlTable: 'MyCustom_CL' } }))
    if (!result.ok) throw new Error(result.reason)
    expect(sentinelRuleSchema.parse(parse(result.text)).severity).toBe('High')
    expect(result.warnings).toHaveLength(2)
  })

  it("should refuse a schedule outside Sentinel's limits", () => {
    expect(renderSentinel(formatInput({ language: 'kql', schedule: { interval: '1m', lookback: '1m' } }))).toMatchObject({ ok: false, code: 'bad-schedule' })
    expect(renderSentinel(formatInput({ language: 'kql', schedule: { interval: '1h', lookback: '15d' } }))).toMatchObject({ ok: false, code: 'bad-schedule' })
  })

  it('should spell tactics as Sentinel does', () => {
    expect(sentinelTactic('Command and Control')).toBe('CommandAndControl')
    expect(sentinelTactic('Privilege Escalation')).toBe('PrivilegeEscalation')
  })
})
