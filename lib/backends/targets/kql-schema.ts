/**
 * Column types of the Microsoft Defender XDR advanced-hunting tables and the
 * Sentinel tables the `kql` target writes queries for (Microsoft Learn,
 * "Advanced hunting schema" and the Azure Monitor table reference). The
 * target uses it to know which columns are numbers or `dynamic`; the tests
 * give it to Microsoft's Kusto analyzer, so that an unknown column fails.
 */
export type KustoType = 'string' | 'int' | 'long' | 'real' | 'bool' | 'datetime' | 'dynamic'

const INITIATING: Record<string, KustoType> = {
  InitiatingProcessAccountDomain: 'string',
  InitiatingProcessAccountName: 'string',
  InitiatingProcessAccountSid: 'string',
  InitiatingProcessAccountUpn: 'string',
  InitiatingProcessAccountObjectId: 'string',
  InitiatingProcessMD5: 'string',
  InitiatingProcessSHA1: 'string',
  InitiatingProcessSHA256: 'string',
  InitiatingProcessFileName: 'string',
  InitiatingProcessFileSize: 'long',
  InitiatingProcessFolderPath: 'string',
  InitiatingProcessId: 'long',
  InitiatingProcessCommandLine: 'string',
  InitiatingProcessCreationTime: 'datetime',
  InitiatingProcessIntegrityLevel: 'string',
  InitiatingProcessTokenElevation: 'string',
  InitiatingProcessParentId: 'long',
  InitiatingProcessParentFileName: 'string',
  InitiatingProcessParentCreationTime: 'datetime',
  InitiatingProcessVersionInfoCompanyName: 'string',
  InitiatingProcessVersionInfoProductName: 'string',
  InitiatingProcessVersionInfoProductVersion: 'string',
  InitiatingProcessVersionInfoInternalFileName: 'string',
  InitiatingProcessVersionInfoOriginalFileName: 'string',
  InitiatingProcessVersionInfoFileDescription: 'string',
  InitiatingProcessSignerType: 'string',
  InitiatingProcessSignatureStatus: 'string',
  InitiatingProcessLogonId: 'long',
}

const DEVICE: Record<string, KustoType> = { Timestamp: 'datetime', DeviceId: 'string', DeviceName: 'string', ActionType: 'string', ReportId: 'long', ...INITIATING }
const FILE: Record<string, KustoType> = { FileName: 'string', FolderPath: 'string', SHA1: 'string', SHA256: 'string', MD5: 'string', FileSize: 'long' }

export const KQL_SCHEMA: Readonly<Record<string, Readonly<Record<string, KustoType>>>> = {
  DeviceProcessEvents: {
    ...DEVICE,
    ...FILE,
    ProcessVersionInfoCompanyName: 'string',
    ProcessVersionInfoProductName: 'string',
    ProcessVersionInfoProductVersion: 'string',
    ProcessVersionInfoInternalFileName: 'string',
    ProcessVersionInfoOriginalFileName: 'string',
    ProcessVersionInfoFileDescription: 'string',
    ProcessId: 'long',
    ProcessCommandLine: 'string',
    ProcessIntegrityLevel: 'string',
    ProcessTokenElevation: 'string',
    ProcessCreationTime: 'datetime',
    AccountDomain: 'string',
    AccountName: 'string',
    AccountSid: 'string',
    AccountUpn: 'string',
    AccountObjectId: 'string',
    LogonId: 'long',
    AdditionalFields: 'dynamic',
  },
  DeviceNetworkEvents: {
    ...DEVICE,
    RemoteIP: 'string',
    RemotePort: 'int',
    RemoteUrl: 'string',
    LocalIP: 'string',
    LocalPort: 'int',
    Protocol: 'string',
    LocalIPType: 'string',
    RemoteIPType: 'string',
    AdditionalFields: 'dynamic',
  },
  DeviceFileEvents: {
    ...DEVICE,
    ...FILE,
    PreviousFolderPath: 'string',
    PreviousFileName: 'string',
    FileOriginUrl: 'string',
    FileOriginReferrerUrl: 'string',
    FileOriginIP: 'string',
    RequestProtocol: 'string',
    RequestSourceIP: 'string',
    RequestSourcePort: 'int',
    RequestAccountName: 'string',
    RequestAccountDomain: 'string',
    RequestAccountSid: 'string',
    ShareName: 'string',
    AdditionalFields: 'dynamic',
  },
  DeviceRegistryEvents: {
    ...DEVICE,
    RegistryKey: 'string',
    RegistryValueType: 'string',
    RegistryValueName: 'string',
    RegistryValueData: 'string',
    PreviousRegistryKey: 'string',
    PreviousRegistryValueName: 'string',
    PreviousRegistryValueData: 'string',
  },
  DeviceImageLoadEvents: { ...DEVICE, ...FILE },
  DeviceEvents: {
    ...DEVICE,
    ...FILE,
    AccountDomain: 'string',
    AccountName: 'string',
    AccountSid: 'string',
    RemoteUrl: 'string',
    RemoteDeviceName: 'string',
    ProcessId: 'long',
    ProcessCommandLine: 'string',
    ProcessCreationTime: 'datetime',
    ProcessTokenElevation: 'string',
    LogonId: 'long',
    RegistryKey: 'string',
    RegistryValueName: 'string',
    RegistryValueData: 'string',
    RemoteIP: 'string',
    RemotePort: 'int',
    LocalIP: 'string',
    LocalPort: 'int',
    FileOriginUrl: 'string',
    FileOriginIP: 'string',
    AdditionalFields: 'dynamic',
  },
  /** Sentinel: Windows events collected by the Azure Monitor Agent ("Windows Forwarded Events"). */
  WindowsEvent: {
    TimeGenerated: 'datetime',
    Channel: 'string',
    Computer: 'string',
    EventData: 'dynamic',
    EventID: 'int',
    EventLevel: 'int',
    EventLevelName: 'string',
    EventOriginId: 'string',
    Provider: 'string',
    Task: 'int',
    Type: 'string',
  },
}

/** The time column of a table: `Timestamp` in Defender XDR, `TimeGenerated` in Sentinel tables. */
export function timeColumn(table: string): string {
  return table.startsWith('Device') ? 'Timestamp' : 'TimeGenerated'
}

/** The type of a column of a known table, if the schema knows it. */
export function kustoType(table: string | undefined, column: string): KustoType | undefined {
  return table === undefined ? undefined : KQL_SCHEMA[table]?.[column]
}
