import { describe, expect, it } from 'vitest'
import { convertText, TARGETS } from './convert-text'
import { EXAMPLE } from './example-rule'

const RULE = EXAMPLE

describe('convertText', () => {
  it('should convert a rule for every target', () => {
    const out = convertText(RULE, { pipelines: {}, formats: {} })
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(out.results.map((r) => r.target)).toEqual(TARGETS.map((t) => t.id))
    expect(out.results.find((r) => r.target === 'splunk')).toMatchObject({ ok: true })
  })

  it('should locate a problem at its line', () => {
    const broken = RULE.replace('\n    Image|endswith', '\n    Image|endswithh')
    const out = convertText(broken, { pipelines: {}, formats: {} })
    const error = out.diagnostics.find((d) => d.severity === 'error')
    expect(error?.location.start).toMatchObject({ line: 16, column: 11 })
  })
})
