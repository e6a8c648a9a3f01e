import { describe, expect, it } from 'vitest'
import { dataSourceViews } from './data-sources'

describe('dataSourceViews', () => {
  it('should say what each pipeline turns Windows process creation into, and how it names the fields', () => {
    const views = dataSourceViews({ product: 'windows', category: 'process_creation' }, ['Image', 'ParentImage'])
    const sysmon = views.find((v) => v.pipeline === 'sysmon')
    expect(sysmon?.facts).toContainEqual({ label: 'EventID', value: '1' })
    expect(sysmon?.facts).toContainEqual({ label: 'Channel', value: 'Microsoft-Windows-Sysmon/Operational' })
    const ecs = views.find((v) => v.pipeline === 'ecs-windows')
    expect(ecs?.facts.find((f) => f.label === 'Index patterns')?.value).toMatch(/winlogbeat-\*/)
    expect(ecs?.fields.Image).toBe('process.executable')
  })

  it('should leave out pipelines with nothing specific to say about a log source', () => {
    expect(dataSourceViews({ product: 'nosuchproduct' }).map((v) => v.pipeline)).toEqual([])
  })
})
