/**
 * What a Windows log source means, as facts shared by the built-in pipelines:
 * the Sysmon event ids of a category, its ECS `event.category`/`event.type`,
 * its EQL event category and its Microsoft Defender XDR table; and the event
 * log channel of a Windows `service`.
 */
export interface WindowsCategory {
  readonly sysmonEventIds: readonly number[]
  readonly ecs: { readonly category: string; readonly type?: string }
  readonly eql: string
  readonly kqlTable?: string
}

export const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational'

export const WINDOWS_CATEGORIES = {
  process_creation: { sysmonEventIds: [1], ecs: { category: 'process', type: 'start' }, eql: 'process', kqlTable: 'DeviceProcessEvents' },
  file_change: { sysmonEventIds: [2], ecs: { category: 'file', type: 'change' }, eql: 'file', kqlTable: 'DeviceFileEvents' },
  // event.type start: a connection, as Elastic's own rules select Elastic Defend / Sysmon 3 network events
  // (`network where host.os.type == "windows" and event.type == "start"`, rules/windows/lateral_movement_dcom_mmc20.toml,
  // lateral_movement_dcom_hta.toml, credential_access_kerberoasting_unusual_process.toml).
  network_connection: { sysmonEventIds: [3], ecs: { category: 'network', type: 'start' }, eql: 'network', kqlTable: 'DeviceNetworkEvents' },
  process_termination: { sysmonEventIds: [5], ecs: { category: 'process', type: 'end' }, eql: 'process' },
  driver_load: { sysmonEventIds: [6], ecs: { category: 'driver' }, eql: 'driver' },
  image_load: { sysmonEventIds: [7], ecs: { category: 'library' }, eql: 'library', kqlTable: 'DeviceImageLoadEvents' },
  create_remote_thread: { sysmonEventIds: [8], ecs: { category: 'process' }, eql: 'process' },
  raw_access_thread: { sysmonEventIds: [9], ecs: { category: 'driver' }, eql: 'any' },
  process_access: { sysmonEventIds: [10], ecs: { category: 'process' }, eql: 'process' },
  file_event: { sysmonEventIds: [11], ecs: { category: 'file' }, eql: 'file', kqlTable: 'DeviceFileEvents' },
  registry_add: { sysmonEventIds: [12], ecs: { category: 'registry' }, eql: 'registry', kqlTable: 'DeviceRegistryEvents' },
  registry_delete: { sysmonEventIds: [12], ecs: { category: 'registry' }, eql: 'registry', kqlTable: 'DeviceRegistryEvents' },
  registry_set: { sysmonEventIds: [13], ecs: { category: 'registry' }, eql: 'registry', kqlTable: 'DeviceRegistryEvents' },
  registry_rename: { sysmonEventIds: [14], ecs: { category: 'registry' }, eql: 'registry', kqlTable: 'DeviceRegistryEvents' },
  registry_event: { sysmonEventIds: [12, 13, 14], ecs: { category: 'registry' }, eql: 'registry', kqlTable: 'DeviceRegistryEvents' },
  create_stream_hash: { sysmonEventIds: [15], ecs: { category: 'file' }, eql: 'file' },
  pipe_created: { sysmonEventIds: [17, 18], ecs: { category: 'file' }, eql: 'file' },
  wmi_event: { sysmonEventIds: [19, 20, 21], ecs: { category: 'process' }, eql: 'any' },
  dns_query: { sysmonEventIds: [22], ecs: { category: 'network' }, eql: 'dns' },
  file_delete: { sysmonEventIds: [23, 26], ecs: { category: 'file', type: 'deletion' }, eql: 'file', kqlTable: 'DeviceFileEvents' },
  clipboard_capture: { sysmonEventIds: [24], ecs: { category: 'process' }, eql: 'any' },
  process_tampering: { sysmonEventIds: [25], ecs: { category: 'process' }, eql: 'process' },
  file_block_executable: { sysmonEventIds: [27], ecs: { category: 'file' }, eql: 'file' },
  file_block_shredding: { sysmonEventIds: [28], ecs: { category: 'file' }, eql: 'file' },
  file_executable_detected: { sysmonEventIds: [29], ecs: { category: 'file' }, eql: 'file' },
} as const satisfies Record<string, WindowsCategory>

/** Windows `service` → the event log channel its events are written to. */
export const WINDOWS_SERVICE_CHANNELS = {
  security: 'Security',
  system: 'System',
  application: 'Application',
  sysmon: SYSMON_CHANNEL,
  powershell: 'Microsoft-Windows-PowerShell/Operational',
  'powershell-classic': 'Windows PowerShell',
  taskscheduler: 'Microsoft-Windows-TaskScheduler/Operational',
  wmi: 'Microsoft-Windows-WMI-Activity/Operational',
  'dns-server': 'DNS Server',
  'driver-framework': 'Microsoft-Windows-DriverFrameworks-UserMode/Operational',
  'bits-client': 'Microsoft-Windows-Bits-Client/Operational',
  'codeintegrity-operational': 'Microsoft-Windows-CodeIntegrity/Operational',
  'firewall-as': 'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall',
  windefend: 'Microsoft-Windows-Windows Defender/Operational',
  'terminalservices-localsessionmanager': 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
  'ntlm': 'Microsoft-Windows-NTLM/Operational',
  'appxdeployment-server': 'Microsoft-Windows-AppXDeploymentServer/Operational',
  'dns-client': 'Microsoft-Windows-DNS Client Events/Operational',
  'msexchange-management': 'MSExchange Management',
  'printservice-admin': 'Microsoft-Windows-PrintService/Admin',
  'printservice-operational': 'Microsoft-Windows-PrintService/Operational',
  'smbclient-security': 'Microsoft-Windows-SmbClient/Security',
  'ldap_debug': 'Microsoft-Windows-LDAP-Client/Debug',
  'openssh': 'OpenSSH/Operational',
  'shell-core': 'Microsoft-Windows-Shell-Core/Operational',
  'vhdmp': 'Microsoft-Windows-VHDMP/Operational',
  'lsa-server': 'Microsoft-Windows-LSA/Operational',
  'capi2': 'Microsoft-Windows-CAPI2/Operational',
  'certificateservicesclient-lifecycle-system': 'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational',
} as const satisfies Record<string, string>

export type WindowsCategoryName = keyof typeof WINDOWS_CATEGORIES
