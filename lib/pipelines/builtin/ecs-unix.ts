import type { PipelineInput } from '../pipeline'

/**
 * Linux and macOS log sources on Elastic Common Schema, as Elastic Defend
 * (`logs-endpoint.events.*`) and Auditbeat index them. Sigma writes these
 * rules with the Sysmon names (Image, CommandLine, …); ECS names a host's
 * operating system in `host.os.type`, which Elastic's own Linux and macOS
 * rules test first.
 */
const UNIX_INDEX = ['logs-endpoint.events.*', 'auditbeat-*']

const PROCESS = {
  Image: 'process.executable',
  CommandLine: 'process.command_line',
  ProcessId: 'process.pid',
  CurrentDirectory: 'process.working_directory',
  ParentImage: 'process.parent.executable',
  ParentCommandLine: 'process.parent.command_line',
  ParentProcessId: 'process.parent.pid',
  User: 'user.name',
}

const HOST = { Computer: 'host.name', ComputerName: 'host.name', Hostname: 'host.name' }

/** Category → EQL category, ECS conditions and field names. */
const CATEGORIES = {
  process_creation: { eql: 'process', ecs: { 'event.category': 'process', 'event.type': 'start' }, map: PROCESS },
  file_event: { eql: 'file', ecs: { 'event.category': 'file' }, map: { Image: 'process.executable', User: 'user.name', TargetFilename: 'file.path' } },
  network_connection: {
    eql: 'network',
    ecs: { 'event.category': 'network' },
    map: {
      Image: 'process.executable',
      User: 'user.name',
      SourceIp: 'source.ip',
      SourcePort: 'source.port',
      DestinationIp: 'destination.ip',
      DestinationPort: 'destination.port',
      DestinationHostname: 'destination.domain',
      Protocol: 'network.transport',
      Initiated: 'network.direction',
    },
  },
} as const

const PRODUCTS = ['linux', 'macos'] as const

/** Sysmon's Initiated (did this host open the connection?) is ECS network.direction, as Winlogbeat's Sysmon module writes it. */
export function initiatedAsDirection(product: string): NonNullable<PipelineInput['values']> {
  return [
    { when: { product, category: 'network_connection' }, fields: ['Initiated'], replace: { pattern: '^true$', replacement: 'egress' } },
    { when: { product, category: 'network_connection' }, fields: ['Initiated'], replace: { pattern: '^false$', replacement: 'ingress' } },
  ]
}

const pairs = PRODUCTS.flatMap((product) => Object.entries(CATEGORIES).map(([category, facts]) => ({ when: { product, category }, facts })))

export const ecsUnix = {
  logsources: pairs.map(({ when, facts }) => ({
    when,
    dataSource: { index: UNIX_INDEX, eqlCategory: facts.eql, conditions: { 'host.os.type': when.product, ...facts.ecs } },
  })),
  fields: pairs.map(({ when, facts }) => ({ when, map: { ...HOST, ...facts.map } })),
  values: PRODUCTS.flatMap(initiatedAsDirection),
} satisfies Pick<PipelineInput, 'logsources' | 'fields' | 'values'>
