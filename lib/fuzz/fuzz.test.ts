import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseSigma } from '../sigma/index'
import { createRandom } from '../sigma/testing/random'
import { makeCase, runCampaign } from './campaign'
import { generateFile, PLACEHOLDERS } from './generate-rule'
import { generatedRules } from './generated-rules'
import { minimize } from './minimize'
import { mutateRule } from './mutate-rule'

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/sigma/rules')

describe('fuzz campaign', () => {
  it('should find no exception, parse failure or disagreement in a fixed-seed campaign', () => {
    const result = runCampaign({ rules: 150, seed: 8, corpus: existsSync(corpus) ? corpus : undefined, minimizeLimit: 3 })
    const unknown = result.findings.filter((f) => !f.known).map((f) => `${f.kind} in ${f.where}: ${f.message}\n${f.minimized ?? f.text}`)
    expect(unknown).toEqual([])
    expect(result.cases).toBe(150)
    expect(result.stats.counters['files parsed without error']).toBeGreaterThan(90)
    expect(Object.keys(result.stats.engines).sort()).toEqual(['grep', 'grep-jsonl', 'lucene', 'sqlite'])
    expect(result.stats.counters['kql queries parsed']).toBeGreaterThan(0)
    expect(result.stats.counters['lucene queries parsed']).toBeGreaterThan(0)
  }, 180_000)
})

describe('rule generator', () => {
  it('should generate files that parse without any error diagnostic', () => {
    const random = createRandom(11)
    const rejected: string[] = []
    for (let i = 0; i < 400; i++) {
      const file = generateFile(random)
      const errors = parseSigma(file.text, 'g.yml', { placeholders: PLACEHOLDERS }).diagnostics.filter((d) => d.severity === 'error')
      if (errors.length > 0) rejected.push(`${errors[0]!.code}: ${errors[0]!.message}\n${file.text}`)
    }
    expect(rejected).toEqual([])
  })

  it('should use every modifier, correlation type and condition construct over a few hundred files', () => {
    const random = createRandom(3)
    const text = Array.from({ length: 600 }, () => generateFile(random).text).join('\n')
    for (const modifier of ['contains', 'startswith', 'endswith', 'all', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'windash', 're', 'cidr', 'exists', 'expand', 'fieldref', 'lt', 'lte', 'gt', 'gte', 'neq', 'cased', 'minute', 'hour', 'day', 'week', 'month', 'year']) {
      expect(text, modifier).toMatch(new RegExp(`\\|${modifier}\\b`))
    }
    for (const flag of ['i', 'm', 's']) expect(text).toMatch(new RegExp(`\\|re(?:\\|\\w+)*\\|${flag}\\b`))
    for (const type of ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile']) {
      expect(text).toContain(`type: ${type}`)
    }
    for (const construct of [' and ', ' or ', 'not ', '(', '1 of ', 'all of ', 'any of ', ' of them', "'|all'", 'filter:', 'action: global', 'aliases:']) {
      expect(text, construct).toContain(construct)
    }
  })

  it('should give the same case for the same seed and number', () => {
    expect(makeCase({ seed: 5 }, [], 17).text).toBe(makeCase({ seed: 5 }, [], 17).text)
    expect(makeCase({ seed: 5 }, [], 17).text).not.toBe(makeCase({ seed: 6 }, [], 17).text)
  })
})

describe('mutations and minimization', () => {
  it('should mutate a rule text deterministically and name the mutations', () => {
    const text = 'title: t\nlogsource:\n    category: c\ndetection:\n    selection:\n        Image|endswith: x.exe\n    condition: selection\n'
    const a = mutateRule(text, createRandom(1))
    expect(a).toEqual(mutateRule(text, createRandom(1)))
    expect(a.mutations.length).toBeGreaterThan(0)
  })

  it('should minimize a text to the lines that keep the failure', () => {
    const text = ['a', 'b', 'needle one', 'c', 'needle two', 'd'].join('\n')
    expect(minimize(text, (t) => t.includes('needle one') && t.includes('two'))).toBe('needle one\ntwo')
  })
})

describe('generatedRules', () => {
  it('should give parsed rules with their collections, the same for the same seed', () => {
    const a = generatedRules(30, 4)
    expect(a.length).toBeGreaterThanOrEqual(30)
    expect(a.every(({ rule, collection }) => rule.type === 'rule' && collection.documents.includes(rule))).toBe(true)
    expect(generatedRules(30, 4).map(({ rule }) => rule.source)).toEqual(a.map(({ rule }) => rule.source))
  })
})
