import { stringify } from 'yaml'
import type { RuleLevel } from '../../sigma/rule'
import { descriptionOf, levelOf, resolveSchedule } from './rule-facts'
import { stableUuid } from './stable-id'
import type { FormatInput, FormatResult, OutputFormat } from './types'

const SEVERITY = { informational: 'Informational', low: 'Low', medium: 'Medium', high: 'High', critical: 'High' } as const satisfies Record<RuleLevel, string>

/** The Sentinel data connector that fills each table we emit queries for. */
const CONNECTOR_OF_TABLE: Readonly<Record<string, string>> = {
  SecurityEvent: 'SecurityEvents',
  WindowsEvent: 'WindowsForwardedEvents',
  Event: 'WindowsForwardedEvents',
  Syslog: 'Syslog',
  CommonSecurityLog: 'CefAma',
  SigninLogs: 'AzureActiveDirectory',
  AuditLogs: 'AzureActiveDirectory',
  AzureActivity: 'AzureActivity',
  OfficeActivity: 'Office365',
  AWSCloudTrail: 'AWS',
  W3CIISLog: 'AzureMonitor(IIS)',
}

/** Sentinel limits a scheduled rule's frequency and period to 5 minutes … 14 days. */
const MIN_SECONDS = 5 * 60
const MAX_SECONDS = 14 * 86_400

/**
 * A Microsoft Sentinel scheduled analytics rule in the YAML layout of the
 * Azure-Sentinel repository's `Detections/` folder (which its ARM/Bicep tooling
 * and the Sentinel repositories feature import).
 */
export function renderSentinel(input: FormatInput): FormatResult {
  if (input.language !== 'kql') return { ok: false, code: 'format-language', reason: `Sentinel analytics rules run KQL, not ${input.language}` }
  const schedule = resolveSchedule(input)
  if ('ok' in schedule) return schedule
  for (const [what, d] of [['frequency', schedule.interval], ['period', schedule.lookback]] as const)
    if (d.seconds < MIN_SECONDS || d.seconds > MAX_SECONDS)
      return { ok: false, code: 'bad-schedule', reason: `Sentinel needs a query ${what} between 5m and 14d, not ${d.text}` }
  const warnings: string[] = []
  const tables = input.tables ?? (input.dataSource.kqlTable ? [input.dataSource.kqlTable] : [])
  const connectors = new Map<string, string[]>()
  for (const table of tables) {
    const connector = table.startsWith('Device') || table.startsWith('Email') || table.startsWith('Identity') ? 'MicrosoftThreatProtection' : CONNECTOR_OF_TABLE[table]
    if (!connector) {
      warnings.push(`no known Sentinel data connector fills table ${table}: requiredDataConnectors omits it`)
      continue
    }
    connectors.set(connector, [...(connectors.get(connector) ?? []), table])
  }
  const level = levelOf(input)
  const document = {
    id: input.rule.id ?? stableUuid(input.rule.title),
    name: input.rule.title,
    description: descriptionOf(input),
    severity: SEVERITY[level],
    requiredDataConnectors: [...connectors].map(([connectorId, dataTypes]) => ({ connectorId, dataTypes })),
    queryFrequency: schedule.interval.text,
    queryPeriod: schedule.lookback.text,
    triggerOperator: 'gt',
    triggerThreshold: 0,
    tactics: [...new Set(input.threat.map((entry) => sentinelTactic(entry.tactic.name)))],
    relevantTechniques: [...new Set(input.threat.flatMap((entry) => entry.techniques.flatMap((t) => [t.id, ...t.subtechniques.map((s) => s.id)])))],
    query: input.query,
    version: '1.0.0',
    kind: 'Scheduled',
  }
  if (level === 'critical') warnings.push('Sentinel has no critical severity: the rule is High')
  return { ok: true, text: stringify(document, { lineWidth: 0 }), warnings }
}

/** `Command and Control` → `CommandAndControl`, Sentinel's tactic spelling. */
export function sentinelTactic(name: string): string {
  return name
    .split(/[\s-]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')
}

export const sentinel: OutputFormat = {
  id: 'sentinel',
  label: 'Microsoft Sentinel scheduled analytics rule (YAML)',
  languages: ['kql'],
  extension: 'yaml',
  render: renderSentinel,
}
