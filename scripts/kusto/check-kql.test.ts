import { describe, expect, it } from 'vitest'
import { kqlErrors, type KustoSchema } from './check-kql'

const schema: KustoSchema = {
  DeviceProcessEvents: { Timestamp: 'datetime', DeviceId: 'string', FolderPath: 'string', ProcessCommandLine: 'string' },
  DeviceNetworkEvents: { Timestamp: 'datetime', DeviceId: 'string', RemoteIP: 'string', RemotePort: 'int' },
}

describe('checkKql', () => {
  it('should accept the operators the kql target emits', () => {
    const query = [
      'DeviceProcessEvents',
      '| where FolderPath endswith @"\\cmd.exe" and ProcessCommandLine has_cs "x" and ProcessCommandLine matches regex "(?i)a.*b"',
      '    and not(isempty(FolderPath)) and FolderPath in~ ("a", "b") and FolderPath =~ "c"',
    ].join('\n')
    expect(kqlErrors(query)).toEqual([])
    expect(kqlErrors(query, schema)).toEqual([])
    expect(kqlErrors('DeviceNetworkEvents | where ipv4_is_in_range(RemoteIP, "10.0.0.0/8") and RemotePort >= 49152', schema)).toEqual([])
  })

  it('should report a syntax error with its offset', () => {
    expect(kqlErrors('DeviceProcessEvents | where FolderPath == ')).toMatchObject([{ code: 'KS006', start: 41 }])
  })

  it('should report unknown tables and columns only when given a schema', () => {
    expect(kqlErrors('Nowhere | where Nope == "x"')).toEqual([])
    expect(kqlErrors('Nowhere | take 1', schema)).toMatchObject([{ code: 'KS204' }])
    expect(kqlErrors('DeviceProcessEvents | where Nope == "x"', schema)).toMatchObject([{ code: 'KS142' }])
  })
})
