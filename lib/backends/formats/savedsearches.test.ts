import { describe, expect, it } from 'vitest'
import { renderSavedSearch } from './savedsearches'
import { formatInput, ruleMeta } from './test-input'

/**
 * A small reader of Splunk's `.conf` syntax, written from the spec's rules:
 * `[stanza]` headers, `key = value` settings, `#` comments, and a value continued
 * on the next line when its line ends with `\` (the newline is kept).
 */
function parseConf(text: string): Map<string, Map<string, string>> {
  const stanzas = new Map<string, Map<string, string>>()
  let current: Map<string, string> | undefined
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!
    while (line.endsWith('\\') && index + 1 < lines.length) line = `${line.slice(0, -1)}\n${lines[++index]}`
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    const header = /^\[(.+)\]$/.exec(line)
    if (header) {
      current = new Map()
      stanzas.set(header[1]!, current)
      continue
    }
    const setting = /^([^=\s][^=]*?)\s*=\s?(.*)$/s.exec(line)
    if (!setting || !current) throw new Error(`line ${index + 1} is neither a stanza header nor key = value: ${line}`)
    current.set(setting[1]!, setting[2]!)
  }
  return stanzas
}

describe('savedsearches', () => {
  it('should write one stanza that schedules the search as an alert', () => {
    const result = renderSavedSearch(formatInput({ language: 'spl', query: 'ParentImage="*\\\\mmc.exe" | table CommandLine' }))
    if (!result.ok) throw new Error(result.reason)
    const stanza = parseConf(result.text).get('Processes created by MMC')
    expect(stanza?.get('search')).toBe('ParentImage="*\\\\mmc.exe" | table CommandLine')
    expect(stanza?.get('cron_schedule')).toBe('*/5 * * * *')
    expect(stanza?.get('dispatch.earliest_time')).toBe('-9m')
    expect(stanza?.get('dispatch.latest_time')).toBe('now')
    expect(stanza?.get('enableSched')).toBe('1')
    expect(stanza?.get('counttype')).toBe('number of events')
    expect(stanza?.get('relation')).toBe('greater than')
    expect(stanza?.get('quantity')).toBe('0')
    expect(stanza?.get('alert.severity')).toBe('4')
    expect(stanza?.get('description')).toBe('Processes started by MMC could be a sign of lateral movement')
  })

  it('should continue multi-line values with a backslash at the end of each line', () => {
    const query = 'index=main EventCode=1\n| stats count by host\n| where count > 5'
    const result = renderSavedSearch(formatInput({ language: 'spl', query, rule: ruleMeta({ description: 'one\ntwo' }) }))
    if (!result.ok) throw new Error(result.reason)
    expect(result.text).toContain('search = index=main EventCode=1\\\n| stats count by host\\\n| where count > 5\n')
    const stanza = parseConf(result.text).get('Processes created by MMC')
    expect(stanza?.get('search')).toBe(query)
    expect(stanza?.get('description')).toBe('one\ntwo')
  })

  it.each([
    ['1m', '* * * * *'],
    ['15m', '*/15 * * * *'],
    ['1h', '0 * * * *'],
    ['6h', '0 */6 * * *'],
    ['1d', '0 0 * * *'],
  ])('should schedule an interval of %s as %s', (interval, cron) => {
    const result = renderSavedSearch(formatInput({ language: 'spl', schedule: { interval } }))
    if (!result.ok) throw new Error(result.reason)
    expect(parseConf(result.text).get('Processes created by MMC')?.get('cron_schedule')).toBe(cron)
  })

  it('should refuse an interval with no exact cron form, a trailing backslash and other languages', () => {
    expect(renderSavedSearch(formatInput({ language: 'spl', schedule: { interval: '7m' } }))).toMatchObject({ ok: false, code: 'bad-schedule' })
    expect(renderSavedSearch(formatInput({ language: 'spl', query: 'x="a\\\\"\n| y\\' }))).toMatchObject({ ok: false, code: 'format-escape' })
    expect(renderSavedSearch(formatInput({ language: 'kql' }))).toMatchObject({ ok: false, code: 'format-language' })
  })

  it('should keep brackets out of the stanza name', () => {
    const result = renderSavedSearch(formatInput({ language: 'spl', rule: ruleMeta({ title: 'Odd [name]' }) }))
    if (!result.ok) throw new Error(result.reason)
    expect([...parseConf(result.text).keys()]).toEqual(['Odd name'])
  })
})
