import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRule } from './build-rule'
import { targetSummaries } from './build-manifest'
import { repoRoot } from './paths'

const DCOM = 'incoming-dcom-lateral-movement-with-mmc.mdx'

async function kibanaRule(text: string) {
  const eql = targetSummaries().filter((t) => t.id === 'eql')
  const built = await buildRule(DCOM, DCOM.replace(/\.mdx$/, ''), text, eql)
  const conversion = built.detail?.conversions.find((c) => c.format === 'kibana-ndjson' && c.ok)
  expect(conversion, JSON.stringify(built.diagnostics)).toBeDefined()
  return JSON.parse(conversion!.query!.split('\n')[0]!) as Record<string, unknown>
}

describe('the page facts in the output formats', () => {
  const page = readFileSync(path.join(repoRoot, 'content', 'rules', DCOM), 'utf8')

  it('should give the DCOM page its risk score, severity and schedule in the Kibana NDJSON', async () => {
    const rule = await kibanaRule(page)
    // Look-back 9m is at least interval 5m + the correlation's 1m timespan, so the page's own 9m is kept
    // (the formats only widen a look-back they chose themselves; a too short one given by the page is an error).
    expect(rule).toMatchObject({ risk_score: 73, severity: 'high', interval: '5m', from: 'now-9m', max_signals: 100 })
  }, 60_000)

  it('should follow the frontmatter, not the defaults, when the page says otherwise', async () => {
    const edited = page
      .replace(/^risk_score: 73$/m, 'risk_score: 88')
      .replace(/^severity: high$/m, 'severity: critical')
      .replace(/^schedule: .*$/m, 'schedule: { interval: 10m, lookback: 30m, max_alerts: 7 }')
    expect(edited).not.toBe(page)
    const rule = await kibanaRule(edited)
    expect(rule).toMatchObject({ risk_score: 88, severity: 'critical', interval: '10m', from: 'now-30m', max_signals: 7 })
  }, 60_000)
})
