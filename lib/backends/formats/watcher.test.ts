import { describe, expect, it } from 'vitest'
import { formatInput } from './test-input'
import { renderWatcher, WATCHER_PLACEHOLDER_RECIPIENT } from './watcher'

describe('watcher', () => {
  it('should schedule a query_string search over the index patterns with a condition on hits', () => {
    const result = renderWatcher(formatInput({ schedule: { interval: '30m', lookback: '30m' } }), ['soc@corp.example'])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const watch = JSON.parse(result.text)
    expect(watch.trigger).toEqual({ schedule: { interval: '30m' } })
    expect(watch.input.search.request.indices).toEqual(['winlogbeat-*', 'logs-windows.sysmon_operational-*'])
    expect(watch.input.search.request.body.query.bool.must).toEqual([
      { query_string: { query: 'process.parent.executable:*\\\\mmc.exe', analyze_wildcard: true } },
    ])
    expect(watch.input.search.request.body.query.bool.filter).toEqual([{ range: { '@timestamp': { gte: 'now-30m' } } }])
    expect(watch.condition).toEqual({ compare: { 'ctx.payload.hits.total': { not_eq: 0 } } })
    expect(watch.actions.send_email.email.to).toEqual(['soc@corp.example'])
    expect(watch.actions.send_email.email.subject).toBe("Sigma Rule 'Processes created by MMC'")
    expect(result.warnings).toEqual([])
  })

  it("should list the rule's fields for every hit in the email body", () => {
    const result = renderWatcher(formatInput())
    if (!result.ok) throw new Error(result.reason)
    const body: string = JSON.parse(result.text).actions.send_email.email.body
    expect(body).toContain('{{#ctx.payload.hits.hits}}')
    expect(body).toContain('process.command_line = {{_source.process.command_line}}\n')
    expect(body).toContain('process.parent.command_line = {{_source.process.parent.command_line}}\n')
  })

  it('should warn when it has to use a placeholder recipient or search every index', () => {
    const result = renderWatcher(formatInput({ dataSource: {} }))
    if (!result.ok) throw new Error(result.reason)
    expect(JSON.parse(result.text).actions.send_email.email.to).toEqual([WATCHER_PLACEHOLDER_RECIPIENT])
    expect(result.warnings).toHaveLength(2)
  })

  it('should refuse a query in another language and a look-back shorter than the interval', () => {
    expect(renderWatcher(formatInput({ language: 'eql' }))).toMatchObject({ ok: false, code: 'format-language' })
    expect(renderWatcher(formatInput({ schedule: { interval: '10m', lookback: '5m' } }))).toMatchObject({ ok: false, code: 'bad-schedule' })
  })
})
