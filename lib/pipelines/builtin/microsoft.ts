import { definePipeline, type PipelineInput } from '../pipeline'
import { SYSMON_CHANNEL, WINDOWS_CATEGORIES, WINDOWS_SERVICE_CHANNELS } from '../windows-logsources'

/**
 * Microsoft Defender XDR advanced hunting and Microsoft Sentinel, for the
 * `kql` target.
 *
 * `defender-xdr`: the Sysmon-style categories Defender for Endpoint records
 * go to its own tables (`DeviceProcessEvents`, `DeviceNetworkEvents`,
 * `DeviceFileEvents`, `DeviceRegistryEvents`, `DeviceImageLoadEvents`) with
 * their column names; on Windows, every other category and every event-log
 * service goes to Sentinel's `WindowsEvent` table (Azure Monitor Agent,
 * "Windows Forwarded Events"), where the event's own fields are keys of the
 * `EventData` column. Strict: a field with no Defender column is an error,
 * never passed through as a column that does not exist; so is a log source
 * with no table (`requireDataSource`).
 *
 * `sentinel-windows-event`: every Windows log source from `WindowsEvent`,
 * Sysmon included (its channel and event ids as conditions).
 */

const RENAMED_ROOT_KEYS = [
  { pattern: '^HKLM\\\\', replacement: 'HKEY_LOCAL_MACHINE\\' },
  { pattern: '^HKU\\\\', replacement: 'HKEY_USERS\\' },
  { pattern: '^HKCR\\\\', replacement: 'HKEY_CLASSES_ROOT\\' },
]
const REGISTRY_ACTIONS = [
  { pattern: '^SetValue$', replacement: 'RegistryValueSet' },
  { pattern: '^CreateKey$', replacement: 'RegistryKeyCreated' },
  { pattern: '^DeleteKey$', replacement: 'RegistryKeyDeleted' },
  { pattern: '^DeleteValue$', replacement: 'RegistryValueDeleted' },
]

/** Sysmon writes `DOMAIN\user`; Defender keeps the two apart. */
const ACCOUNT = 'strcat(AccountDomain, @"\\", AccountName)'
const INITIATING_ACCOUNT = 'strcat(InitiatingProcessAccountDomain, @"\\", InitiatingProcessAccountName)'

/**
 * Fields of the process that caused an event, in every Device* table.
 * Not mapped, because Defender records them differently: LogonId (Sysmon hex, Defender a number),
 * FileVersion (Defender has the product version only), Hashes (Defender has no imphash).
 */
const INITIATING = {
  Image: 'InitiatingProcessFolderPath',
  CommandLine: 'InitiatingProcessCommandLine',
  ProcessId: 'InitiatingProcessId',
  User: INITIATING_ACCOUNT,
  IntegrityLevel: 'InitiatingProcessIntegrityLevel',
  ParentProcessId: 'InitiatingProcessParentId',
  Computer: 'DeviceName',
  ComputerName: 'DeviceName',
}

const PROCESS_CREATION = {
  Image: 'FolderPath',
  OriginalFileName: 'ProcessVersionInfoOriginalFileName',
  CommandLine: 'ProcessCommandLine',
  ParentImage: 'InitiatingProcessFolderPath',
  ParentCommandLine: 'InitiatingProcessCommandLine',
  ParentUser: INITIATING_ACCOUNT,
  User: ACCOUNT,
  IntegrityLevel: 'ProcessIntegrityLevel',
  Company: 'ProcessVersionInfoCompanyName',
  Product: 'ProcessVersionInfoProductName',
  Description: 'ProcessVersionInfoFileDescription',
  ProcessId: 'ProcessId',
  ParentProcessId: 'InitiatingProcessId',
  md5: 'MD5',
  sha1: 'SHA1',
  sha256: 'SHA256',
  Computer: 'DeviceName',
  ComputerName: 'DeviceName',
}

const NETWORK = {
  ...INITIATING,
  DestinationIp: 'RemoteIP',
  DestinationPort: 'RemotePort',
  DestinationHostname: 'RemoteUrl',
  SourceIp: 'LocalIP',
  SourcePort: 'LocalPort',
  Protocol: 'Protocol',
}

const FILE = { ...INITIATING, TargetFilename: 'FolderPath' }
const IMAGE_LOAD = { ...INITIATING, ImageLoaded: 'FolderPath', md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256' }
const REGISTRY = { ...INITIATING, TargetObject: 'RegistryKey', Details: 'RegistryValueData', EventType: 'ActionType' }
const REGISTRY_VALUE_PATH = 'strcat(RegistryKey, @"\\", RegistryValueName)'

/** Category → Defender table, extra conditions and field names; the same on Linux and macOS where Defender records them. */
const DEFENDER = {
  process_creation: { table: 'DeviceProcessEvents', map: PROCESS_CREATION, os: ['windows', 'linux', 'macos'] },
  network_connection: { table: 'DeviceNetworkEvents', map: NETWORK, os: ['windows', 'linux', 'macos'] },
  file_event: { table: 'DeviceFileEvents', map: FILE, os: ['windows', 'linux', 'macos'], actions: ['FileCreated', 'FileModified'] },
  file_delete: { table: 'DeviceFileEvents', map: FILE, os: ['windows'], actions: ['FileDeleted'] },
  image_load: { table: 'DeviceImageLoadEvents', map: IMAGE_LOAD, os: ['windows'] },
  registry_add: { table: 'DeviceRegistryEvents', map: REGISTRY, os: ['windows'], actions: ['RegistryKeyCreated'] },
  registry_delete: { table: 'DeviceRegistryEvents', map: REGISTRY, os: ['windows'], actions: ['RegistryKeyDeleted', 'RegistryValueDeleted'] },
  registry_set: { table: 'DeviceRegistryEvents', map: { ...REGISTRY, TargetObject: REGISTRY_VALUE_PATH }, os: ['windows'], actions: ['RegistryValueSet'] },
  registry_event: { table: 'DeviceRegistryEvents', map: REGISTRY, os: ['windows'] },
} as const satisfies Record<string, { table: string; map: Record<string, string>; os: readonly string[]; actions?: readonly string[] }>

/** PowerShell categories: their channel and event id. */
const POWERSHELL = {
  ps_script: [WINDOWS_SERVICE_CHANNELS.powershell, 4104],
  ps_module: [WINDOWS_SERVICE_CHANNELS.powershell, 4103],
  ps_classic_start: [WINDOWS_SERVICE_CHANNELS['powershell-classic'], 400],
  ps_classic_provider_start: [WINDOWS_SERVICE_CHANNELS['powershell-classic'], 600],
} as const

const WINDOWS_EVENT_FIELDS = { EventID: 'EventID', Channel: 'Channel', Provider_Name: 'Provider', Computer: 'Computer', ComputerName: 'Computer' }

type Rules = NonNullable<PipelineInput['logsources']>
type Fields = NonNullable<PipelineInput['fields']>

function windowsEventSources(categories: readonly string[]): { logsources: Rules; fields: Fields } {
  const logsources: Rules = []
  const fields: Fields = []
  for (const category of categories) {
    const ids = WINDOWS_CATEGORIES[category as keyof typeof WINDOWS_CATEGORIES].sysmonEventIds
    logsources.push({ when: { product: 'windows', category }, dataSource: { kqlTable: 'WindowsEvent', conditions: { Channel: SYSMON_CHANNEL, EventID: ids.length === 1 ? ids[0]! : [...ids] } } })
  }
  for (const [category, [channel, id]] of Object.entries(POWERSHELL))
    logsources.push({ when: { product: 'windows', category }, dataSource: { kqlTable: 'WindowsEvent', conditions: { Channel: channel, EventID: id } } })
  for (const [service, channel] of Object.entries(WINDOWS_SERVICE_CHANNELS))
    logsources.push({ when: { product: 'windows', service }, dataSource: { kqlTable: 'WindowsEvent', conditions: { Channel: channel } } })
  for (const { when } of logsources) fields.push({ when, map: WINDOWS_EVENT_FIELDS, prefix: 'EventData.' })
  return { logsources, fields }
}

const defender = Object.entries(DEFENDER).flatMap(([category, facts]) =>
  facts.os.map((product) => ({ category, product, ...facts })),
)
const windowsEventOnly = Object.keys(WINDOWS_CATEGORIES).filter((category) => !(category in DEFENDER))
const rest = windowsEventSources(windowsEventOnly)

export const defenderXdr = definePipeline({
  id: 'defender-xdr',
  label: 'Microsoft Defender XDR tables (Device*), other Windows logs from Sentinel WindowsEvent',
  targets: ['kql'],
  strict: true,
  requireDataSource: true,
  logsources: [
    ...defender.map(({ category, product, table, ...facts }) => ({
      when: { product, category },
      dataSource: { kqlTable: table, ...('actions' in facts ? { conditions: { ActionType: [...facts.actions] } } : {}) },
    })),
    ...rest.logsources,
  ],
  fields: [...defender.map(({ category, product, map }) => ({ when: { product, category }, map })), ...rest.fields],
  // A correlation grouped by host groups Device* rows by DeviceId (a name can be reused); WindowsEvent has no host id, so Computer.
  groupBy: defender.map(({ category, product }) => ({ when: { product, category }, map: { Computer: 'DeviceId', ComputerName: 'DeviceId', Hostname: 'DeviceId' } })),
  values: [
    ...['registry_add', 'registry_delete', 'registry_set', 'registry_event'].flatMap((category) => [
      ...RENAMED_ROOT_KEYS.map((replace) => ({ when: { product: 'windows', category }, fields: ['TargetObject'], replace })),
      ...REGISTRY_ACTIONS.map((replace) => ({ when: { product: 'windows', category }, fields: ['EventType'], replace })),
    ]),
  ],
})

const everything = windowsEventSources(Object.keys(WINDOWS_CATEGORIES))

export const sentinelWindowsEvent = definePipeline({
  id: 'sentinel-windows-event',
  label: 'Microsoft Sentinel WindowsEvent table (Windows Forwarded Events), Sysmon included',
  targets: ['kql'],
  strict: true,
  requireDataSource: true,
  logsources: everything.logsources,
  fields: everything.fields,
})
