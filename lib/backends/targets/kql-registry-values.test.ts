import { describe, expect, it } from 'vitest'
import { parseSigma } from '../../sigma'
import { convert } from '../index'

const rule = (details: string) =>
  parseSigma(
    `title: t\nlogsource: { product: windows, category: registry_set }\ndetection:\n  sel:\n    TargetObject|endswith: '\\\\Policies\\\\EnableLUA'\n    Details: ${details}\n  condition: sel\n`,
    't.yml',
  )

describe('Defender registry value data', () => {
  it('should write a Sysmon DWORD as the decimal number Defender records', () => {
    const collection = rule("'DWORD (0x0000001f)'")
    const result = convert(collection.documents[0]!, collection, { target: 'kql' })
    expect(result).toMatchObject({ ok: true })
    if (result.ok) expect(result.query).toContain('RegistryValueData =~ @"31"')
  })

  it('should refuse a typed pattern it cannot rewrite exactly', () => {
    const collection = rule("'DWORD (0x0000000*'")
    expect(convert(collection.documents[0]!, collection, { target: 'kql' })).toMatchObject({ ok: false, code: 'registry-value-format' })
  })

  it('should keep string data as it is', () => {
    const collection = rule("'C:\\Temp\\x.exe'")
    const result = convert(collection.documents[0]!, collection, { target: 'kql' })
    if (!result.ok) throw new Error(result.reason)
    expect(result.query).toContain('RegistryValueData =~ @"C:\\Temp\\x.exe"')
    expect(result.query).toContain('strcat(RegistryKey, @"\\", RegistryValueName) endswith @"\\Policies\\EnableLUA"')
  })
})
