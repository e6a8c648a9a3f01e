import { describe, expect, it } from 'vitest'
import { parseSigma } from '../sigma'
import type { SigmaRule } from '../sigma/rule'
import { mapGroupByField } from './apply-pipeline'
import { applyPipeline, fieldsOf, loadPipeline, mapFieldName, pipelines, PipelineSchema } from './index'

const rule = (logsource: string, detection: string, extra = ''): SigmaRule => {
  const c = parseSigma(`title: t\nlogsource: ${logsource}\n${extra}detection:\n${detection}`, 'rule.yml')
  return c.documents[0] as SigmaRule
}

describe('built-in pipelines', () => {
  it('should all be valid pipelines', () => {
    for (const pipeline of Object.values(pipelines)) expect(PipelineSchema.safeParse(pipeline).success, pipeline.id).toBe(true)
  })

  it('should map Sysmon process fields to ECS for process_creation, CommandLine included, with one category condition', () => {
    const r = rule('{ product: windows, category: process_creation }', "  sel: { CommandLine|contains: x, ParentImage|endswith: y, IntegrityLevel: High }\n  condition: sel", 'fields: [CommandLine, User]\n')
    const applied = applyPipeline(r, pipelines['ecs-windows']!)
    expect(applied.diagnostics).toEqual([])
    expect(fieldsOf(applied.expression)).toEqual(['host.os.type', 'event.category', 'event.type', 'process.command_line', 'process.parent.executable', 'winlog.event_data.IntegrityLevel'])
    expect(applied.fields).toEqual(['process.command_line', 'user.name'])
    expect(applied.dataSource).toMatchObject({ index: expect.arrayContaining(['winlogbeat-*']), eqlCategory: 'process' })
  })

  it('should add the channel of a Sysmon service once, and the Sysmon EventID of a category', () => {
    const service = applyPipeline(rule('{ product: windows, service: sysmon }', '  sel: { EventID: 1 }\n  condition: sel'), pipelines['ecs-windows']!)
    expect(fieldsOf(service.expression)).toEqual(['winlog.channel', 'winlog.event_id'])
    const sysmon = applyPipeline(rule('{ product: windows, category: registry_event }', '  sel: { TargetObject|contains: Run }\n  condition: sel'), pipelines.sysmon!)
    expect(sysmon.expression).toMatchObject({ kind: 'AndNode', children: [{ kind: 'OrNode', children: [{ value: 12 }, { value: 13 }, { value: 14 }] }, { field: 'Channel' }, { field: 'TargetObject' }] })
  })

  it('should rename detection fields, and group-by fields that no group-by mapping names', () => {
    const logsource = { product: 'windows', category: 'process_creation' }
    expect(mapFieldName(pipelines['ecs-windows']!, logsource, 'Image')).toBe('process.executable')
    expect(mapFieldName(pipelines['ecs-windows']!, logsource, 'Computer')).toBe('host.name')
    expect(mapFieldName(pipelines['splunk-windows']!, logsource, 'EventID')).toBe('EventCode')
    expect(mapFieldName(pipelines.none!, logsource, 'Anything')).toBe('Anything')
  })
})

describe('user pipelines', () => {
  const file = `id: my-soc
label: My SOC
strict: true
logsources:
  - when: { product: windows, category: process_creation }
    dataSource: { table: proc, conditions: { source: sysmon } }
fields:
  - map: { Image: exe, CommandLine: cmd }
values:
  - fields: [CommandLine]
    replace: { pattern: '\\\\\\\\', replacement: '/' }
`

  it('should load a YAML pipeline and apply its table, renames, conditions and value transforms', () => {
    const loaded = loadPipeline(file, 'my.yml')
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
    const applied = applyPipeline(rule('{ product: windows, category: process_creation }', "  sel: { Image: a, CommandLine|contains: 'b\\\\c' }\n  condition: sel"), loaded.pipeline)
    expect(applied.diagnostics).toEqual([])
    expect(applied.dataSource.table).toBe('proc')
    expect(applied.expression).toMatchObject({ kind: 'AndNode', children: [{ field: 'source', value: ['sysmon'] }, { children: [{ field: 'exe' }, { field: 'cmd' }] }] })
  })

  it('should report an unmapped field of a strict pipeline at the value that uses it', () => {
    const loaded = loadPipeline(file, 'my.yml')
    if (!loaded.ok) throw new Error('load')
    const applied = applyPipeline(rule('{ product: windows, category: process_creation }', '  sel: { Image: a, ParentImage: b }\n  condition: sel'), loaded.pipeline)
    expect(applied.diagnostics).toMatchObject([{ severity: 'error', code: 'unmapped-field', message: expect.stringContaining('ParentImage'), location: { file: 'rule.yml', start: { line: 4 } } }])
  })

  it('should locate schema and syntax errors in the pipeline file', () => {
    const bad = loadPipeline('id: Bad Id\nlabel: x\nstrict: maybe\n', 'bad.yml')
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.diagnostics.map((d) => [d.code, d.location.start.line])).toEqual([['pipeline-schema', 1], ['pipeline-schema', 3]])
    }
    const broken = loadPipeline('id: [unclosed\n', 'broken.yml')
    expect(broken).toMatchObject({ ok: false, diagnostics: [{ code: 'pipeline-syntax', location: { file: 'broken.yml' } }] })
  })

  it('should group a correlation by the host id and match a host name in a condition by the name', () => {
    const windows = { product: 'windows', category: 'process_creation' }
    for (const field of ['ComputerName', 'Computer', 'Hostname']) {
      expect(mapGroupByField(pipelines['ecs-windows']!, windows, field)).toBe('host.id')
      expect(mapFieldName(pipelines['ecs-windows']!, windows, field)).toBe('host.name')
    }
    // Defender's Device* tables have DeviceId; Sentinel's WindowsEvent has only the name.
    expect(mapGroupByField(pipelines['defender-xdr']!, windows, 'ComputerName')).toBe('DeviceId')
    expect(mapFieldName(pipelines['defender-xdr']!, windows, 'ComputerName')).toBe('DeviceName')
    expect(mapGroupByField(pipelines['sentinel-windows-event']!, windows, 'ComputerName')).toBe('Computer')
    // Other group-by fields are mapped as everywhere else.
    expect(mapGroupByField(pipelines['ecs-windows']!, windows, 'User')).toBe('user.name')
  })

  it('should map Linux and macOS process, file and network rules to ECS with the conditions Elastic tests', () => {
    const ecs = pipelines['ecs-windows']!
    const linux = applyPipeline(rule('{ product: linux, category: process_creation }', '  sel: { Image: /usr/bin/curl, CommandLine|contains: http, ParentImage: /bin/bash, ParentCommandLine: x, User: root, CurrentDirectory: /tmp }\n  condition: sel'), ecs)
    expect(linux.diagnostics).toEqual([])
    expect(linux.dataSource).toEqual({ index: ['logs-endpoint.events.*', 'auditbeat-*'], eqlCategory: 'process', conditions: { 'host.os.type': 'linux', 'event.category': 'process', 'event.type': 'start' } })
    expect(fieldsOf(linux.expression)).toEqual(['host.os.type', 'event.category', 'event.type', 'process.executable', 'process.command_line', 'process.parent.executable', 'process.parent.command_line', 'user.name', 'process.working_directory'])
    const file = applyPipeline(rule('{ product: macos, category: file_event }', '  sel: { TargetFilename|startswith: /Library/LaunchDaemons/ }\n  condition: sel'), ecs)
    expect(file.dataSource.conditions).toEqual({ 'host.os.type': 'macos', 'event.category': 'file' })
    expect(fieldsOf(file.expression)).toContain('file.path')
    const net = applyPipeline(rule('{ product: linux, category: network_connection }', '  sel: { DestinationIp: 10.0.0.1, DestinationPort: 4444, Initiated: "true" }\n  condition: sel'), ecs)
    expect(fieldsOf(net.expression)).toEqual(['host.os.type', 'event.category', 'destination.ip', 'destination.port', 'network.direction'])
  })

  it('should warn, never silently, when ECS fields are not known for a log source or a field', () => {
    const ecs = pipelines['ecs-windows']!
    const cloud = applyPipeline(rule('{ product: aws, service: cloudtrail }', '  sel: { eventName: ConsoleLogin }\n  condition: sel'), ecs)
    expect(cloud.diagnostics).toMatchObject([{ severity: 'warning', code: 'unmapped-logsource', message: "Fields are not mapped to ECS for the log source {product: aws, service: cloudtrail}; the query uses the rule's field names" }])
    const field = applyPipeline(rule('{ product: linux, category: process_creation }', '  sel: { LogonId: 5, Image: /a }\n  condition: sel'), ecs)
    expect(field.diagnostics).toMatchObject([{ severity: 'warning', code: 'unmapped-field', message: expect.stringContaining('Field `LogonId` is not mapped to ECS for the log source {product: linux, category: process_creation}') }])
    const keywords = applyPipeline(rule('{ product: linux }', '  keywords: [evil]\n  condition: keywords'), ecs)
    expect(keywords.diagnostics).toEqual([])
  })
})
