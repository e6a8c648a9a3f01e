import type { RuleMeta } from '../../sigma/rule'
import type { FormatInput } from './types'

/** A rule's metadata as tests need it (no source file). */
export function ruleMeta(overrides: Partial<RuleMeta> = {}): RuleMeta {
  return {
    location: { file: 'test.yml', start: { line: 1, column: 1, offset: 0 } },
    source: '',
    title: 'Processes created by MMC',
    id: '5b8f3f0c-3d6f-4f0e-9b0b-1f0b7d7e6a11',
    level: 'medium',
    status: 'experimental',
    description: 'Processes started by MMC could be a sign of lateral movement',
    author: 'Atlas tests',
    references: ['https://example.org/mmc'],
    tags: ['attack.lateral-movement', 'attack.t1021.003'],
    falsepositives: ['unknown'],
    fields: ['CommandLine', 'ParentCommandLine'],
    related: [],
    custom: {},
    ...overrides,
  }
}

export function formatInput(overrides: Partial<FormatInput> = {}): FormatInput {
  return {
    query: 'process.parent.executable:*\\\\mmc.exe',
    language: 'lucene',
    rule: ruleMeta(),
    fields: ['process.command_line', 'process.parent.command_line'],
    dataSource: { index: ['winlogbeat-*', 'logs-windows.sysmon_operational-*'] },
    threat: [
      {
        tactic: { id: 'TA0008', name: 'Lateral Movement', reference: 'https://attack.mitre.org/tactics/TA0008/' },
        techniques: [
          {
            id: 'T1021',
            name: 'Remote Services',
            reference: 'https://attack.mitre.org/techniques/T1021/',
            subtechniques: [{ id: 'T1021.003', name: 'Distributed Component Object Model', reference: 'https://attack.mitre.org/techniques/T1021/003/' }],
          },
        ],
      },
    ],
    ...overrides,
  }
}
