import { definePipeline } from '../pipeline'
import { ecsUnix, initiatedAsDirection } from './ecs-unix'
import { WINDOWS_CATEGORIES, WINDOWS_SERVICE_CHANNELS, type WindowsCategory } from '../windows-logsources'

/**
 * Sysmon / Windows event fields → Elastic Common Schema, as Winlogbeat and
 * Elastic Agent index them. The process fields are ECS's own
 * (`CommandLine` → `process.command_line` for every category, never
 * `winlog.event_data.CommandLine`); every other Windows field is found under
 * `winlog.event_data.<Field>`, where Winlogbeat keeps the original name.
 */
const PROCESS_FIELDS = {
  Image: 'process.executable',
  CommandLine: 'process.command_line',
  ProcessId: 'process.pid',
  ProcessGuid: 'process.entity_id',
  CurrentDirectory: 'process.working_directory',
  OriginalFileName: 'process.pe.original_file_name',
  Product: 'process.pe.product',
  Company: 'process.pe.company',
  Description: 'process.pe.description',
  FileVersion: 'process.pe.file_version',
  ParentImage: 'process.parent.executable',
  ParentCommandLine: 'process.parent.command_line',
  ParentProcessId: 'process.parent.pid',
  ParentProcessGuid: 'process.parent.entity_id',
  User: 'user.name',
}

const COMMON_FIELDS = {
  EventID: 'winlog.event_id',
  Channel: 'winlog.channel',
  Provider_Name: 'winlog.provider_name',
  // A host name in a condition is ECS host.name; a correlation groups by host.id (HOST_GROUP_BY).
  Computer: 'host.name',
  ComputerName: 'host.name',
  Hostname: 'host.name',
  TargetFilename: 'file.path',
  TargetObject: 'registry.path',
  Details: 'registry.data.strings',
  SourceIp: 'source.ip',
  SourcePort: 'source.port',
  SourceHostname: 'source.domain',
  DestinationIp: 'destination.ip',
  DestinationPort: 'destination.port',
  DestinationHostname: 'destination.domain',
  Protocol: 'network.transport',
  Initiated: 'network.direction',
  QueryName: 'dns.question.name',
  ScriptBlockText: 'powershell.file.script_block_text',
}

/**
 * A correlation grouped by a host identity field is about which host: ECS
 * identifies a host by `host.id` (names can collide, and Elastic's own
 * sequences are `by host.id`); a condition on the name still matches `host.name`.
 */
export const HOST_GROUP_BY = { Computer: 'host.id', ComputerName: 'host.id', Hostname: 'host.id' }

/**
 * ECS path fields whose base name ECS also defines as a field (`process.name` is the
 * executable's file name): a Sigma `Image|endswith: '\\mmc.exe'` is `process.name: mmc.exe`,
 * as Elastic's own rules write it. Only pairs ECS defines; per platform separator.
 */
const ECS_NAME_OF_PATH = {
  'process.executable': 'process.name',
  'process.parent.executable': 'process.parent.name',
  'file.path': 'file.name',
  'dll.path': 'dll.name',
}
const ECS_BASENAMES = [
  { when: { product: 'windows' }, separator: '\\', fields: ECS_NAME_OF_PATH },
  { when: { product: 'linux' }, separator: '/', fields: ECS_NAME_OF_PATH },
  { when: { product: 'macos' }, separator: '/', fields: ECS_NAME_OF_PATH },
]

export const ecsWindows = definePipeline({
  id: 'ecs-windows',
  label: 'Windows / Sysmon, Linux and macOS (process, file, network) on Elastic Common Schema (Winlogbeat, Elastic Agent, Auditbeat)',
  targets: ['lucene', 'eql', 'esql'],
  logsources: [
    ...Object.entries(WINDOWS_CATEGORIES).map(([category, facts]: [string, WindowsCategory]) => ({
      when: { product: 'windows', category },
      dataSource: {
        index: ['winlogbeat-*', 'logs-windows.*', 'logs-endpoint.events.*'],
        eqlCategory: facts.eql,
        // host.os.type first, as Elastic's own Windows rules select their events.
        conditions: {
          'host.os.type': 'windows',
          'event.category': facts.ecs.category,
          ...(facts.ecs.type === undefined ? {} : { 'event.type': facts.ecs.type }),
        },
      },
    })),
    ...Object.entries(WINDOWS_SERVICE_CHANNELS).map(([service, channel]) => ({
      when: { product: 'windows', service },
      dataSource: { index: ['winlogbeat-*', 'logs-windows.*'], eqlCategory: 'any', conditions: { 'winlog.channel': channel } },
    })),
    ...ecsUnix.logsources,
  ],
  defaultDataSource: { index: ['logs-*'], eqlCategory: 'any' },
  fields: [
    {
      when: { product: 'windows', category: 'image_load' },
      map: { ...COMMON_FIELDS, ...PROCESS_FIELDS, ImageLoaded: 'file.path', Signed: 'file.code_signature.signed', Signature: 'file.code_signature.subject_name', Hashes: 'winlog.event_data.Hashes' },
      prefix: 'winlog.event_data.',
    },
    {
      when: { product: 'windows', category: 'process_access' },
      map: { ...COMMON_FIELDS, SourceImage: 'process.executable', SourceProcessId: 'process.pid', SourceProcessGUID: 'process.entity_id' },
      prefix: 'winlog.event_data.',
    },
    {
      when: { product: 'windows', category: 'pipe_created' },
      map: { ...COMMON_FIELDS, ...PROCESS_FIELDS, PipeName: 'file.name' },
      prefix: 'winlog.event_data.',
    },
    { when: { product: 'windows' }, map: { ...COMMON_FIELDS, ...PROCESS_FIELDS }, prefix: 'winlog.event_data.' },
    ...ecsUnix.fields,
  ],
  groupBy: [{ map: HOST_GROUP_BY }],
  basenames: ECS_BASENAMES,
  values: [...initiatedAsDirection('windows'), ...ecsUnix.values],
  warnUnmappedLogSource: 'ECS',
})
