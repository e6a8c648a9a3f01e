import { describe, expect, it } from 'vitest'
import { apiRule } from './api'
import { targetSummaries } from './build-manifest'
import { buildRule } from './build-rule'

const page = [
  '---',
  'sigma: |',
  '  title: T',
  '  id: 7d0e4b8c-3a2f-4e1d-8c6b-5a4f3e2d1c0b',
  '  logsource: { product: windows, category: process_creation }',
  '  detection:',
  '    selection:',
  '      DestinationPort|gte: 49152',
  '      SourcePort|lt: 1024',
  '    filter:',
  '      CommandLine|contains: hello',
  '    condition: selection and not filter',
  '---',
  '',
].join('\n')

describe('conversion warnings in the catalog', () => {
  it('should keep each warning at its line and column in the page file, and list each message once in the API', async () => {
    const { detail } = await buildRule('content/rules/t.mdx', 't', page, targetSummaries())
    const grep = detail!.conversions.find((c) => c.target === 'grep' && c.pipeline === 'none' && c.format === 'default')!
    const at = grep.warnings.map((w) => [w.location?.file, w.location?.start.line, w.location?.start.column, w.message.slice(0, 30)])
    expect(at).toEqual([
      ['content/rules/t.mdx', 11, 29, 'the exclusion on CommandLine c'],
      ['content/rules/t.mdx', 8, 28, 'a number comparison cannot be '],
      ['content/rules/t.mdx', 9, 22, 'a number comparison cannot be '],
    ])
    const api = apiRule(detail!).queries.find((q) => q.target === 'grep' && q.pipeline === 'none' && q.format === 'default')!
    expect(api.warnings).toEqual([grep.warnings[0]!.message, grep.warnings[1]!.message])
  })
})
