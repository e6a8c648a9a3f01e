import { describe, expect, it } from 'vitest'
import { matches, parseSigma } from '..'
import type { SigmaRule } from '../rule'
import { generateEvents } from './event-generator'
import { flattenWindowsEvent, parseConcatenatedJson } from './flatten-windows-event'
import { createRandom } from './random'
import { sampleRegex } from './regex-sampler'

function rule(detection: string): SigmaRule {
  const text = `title: t\nlogsource: { product: windows }\ndetection:\n${detection}`
  const document = parseSigma(text, 'test.yml').documents[0]
  if (document?.type !== 'rule') throw new Error('not a rule')
  return document
}

const probe = matches

describe('generateEvents', () => {
  it('should give the same events for the same seed', () => {
    const { expression } = rule("  sel: { Image|endswith: '\\cmd.exe', CommandLine|contains: ' /c ' }\n  condition: sel")
    expect(generateEvents(expression, { seed: 7, probe })).toEqual(generateEvents(expression, { seed: 7, probe }))
    expect(generateEvents(expression, { seed: 7, probe })).not.toEqual(generateEvents(expression, { seed: 8, probe }))
  })

  it('should build events that match and near misses that do not', () => {
    const { expression } = rule(
      "  sel: { Image|endswith: '\\cmd.exe', CommandLine|contains|all: ['a_b', '50%'] }\n  filter: { User: SYSTEM }\n  condition: sel and not filter",
    )
    const labels = generateEvents(expression, { seed: 1, probe }).map((event) => matches(expression, event))
    expect(labels.filter(Boolean).length).toBeGreaterThan(0)
    expect(labels.filter((l) => !l).length).toBeGreaterThan(0)
  })

  it('should put keyword values into the keyword fields', () => {
    const { expression } = rule("  keywords: ['evil.exe', 'other']\n  condition: keywords")
    const events = generateEvents(expression, { seed: 3, probe, keywordFields: ['Message'] })
    const positive = events.find((event) => matches(expression, event))
    expect(Object.keys(positive ?? {})).toEqual(['Message'])
  })

  it('should satisfy numbers, ranges, regexes and networks', () => {
    const { expression } = rule(
      "  sel: { EventID: 4688, Size|gt: 100, Hash|re: '^[0-9a-f]{8}$', DestinationIp|cidr: '10.0.0.0/8' }\n  condition: sel",
    )
    expect(generateEvents(expression, { seed: 5, probe }).some((event) => matches(expression, event))).toBe(true)
  })

  it('should keep line breaks out when asked', () => {
    const { expression } = rule("  sel: { CommandLine|contains: 'x' }\n  condition: sel")
    const events = generateEvents(expression, { seed: 2, probe, newlines: false, hostility: 1 })
    expect(events.some((event) => Object.values(event).some((v) => typeof v === 'string' && /[\r\n]/.test(v)))).toBe(false)
  })
})

describe('sampleRegex', () => {
  it('should sample a string the pattern matches, folding leading inline flags', () => {
    const sample = sampleRegex('(?i)\\\\(cmd|pwsh)\\.exe\\s+-c', { i: false, m: false, s: false }, createRandom(1))
    expect(sample).toMatch(/\\(cmd|pwsh)\.exe\s+-c/i)
  })

  it('should answer undefined for a pattern it cannot read', () => {
    expect(sampleRegex('(a', { i: false, m: false, s: false }, createRandom(1))).toBeUndefined()
  })
})

describe('flattenWindowsEvent', () => {
  it('should flatten System and EventData by name', () => {
    const record = {
      Event: {
        System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: 1, Channel: 'C', Correlation: null },
        EventData: { Image: 'C:\\x.exe', ParentImage: null },
      },
    }
    expect(flattenWindowsEvent(record)).toEqual({
      Provider_Name: 'Microsoft-Windows-Sysmon',
      EventID: 1,
      Channel: 'C',
      Image: 'C:\\x.exe',
      ParentImage: null,
    })
  })

  it('should flatten the element under UserData', () => {
    const record = { Event: { System: { EventID: 5858 }, UserData: { Op: { '#attributes': {}, Operation: 'x' } } } }
    expect(flattenWindowsEvent(record)).toEqual({ EventID: 5858, Operation: 'x' })
  })

  it('should split concatenated JSON records', () => {
    expect(parseConcatenatedJson('{"a":"}{"}\n{"b":[1]}')).toEqual([{ a: '}{' }, { b: [1] }])
  })
})
