import { afterAll, describe, expect, it } from 'vitest'
import { parseSigma } from '../../sigma/load'
import type { SigmaRule } from '../../sigma/rule'
import { convert } from '../index'
import { checkRule } from './check-rule'
import { createGrepEngine, grepPattern } from './engines/grep-engine'
import { createLuceneEngine } from './engines/lucene-engine'
import { createSqliteEngine } from './engines/sqlite-engine'
import { runCorpus, failures } from './run-corpus'
import type { Convert } from './types'

function load(detection: string): { rule: SigmaRule; collection: ReturnType<typeof parseSigma> } {
  const collection = parseSigma(`title: t\nid: 0e4a2b61-8d0c-4a53-9d5b-3a3a63f3f0aa\nlogsource: { product: test }\ndetection:\n${detection}`, 'rule.yml')
  const rule = collection.documents[0]
  if (rule?.type !== 'rule') throw new Error('not a rule')
  return { rule, collection }
}

const HOSTILE = load(
  "  sel:\n    Image|endswith: '\\cmd.exe'\n    CommandLine|contains|all: ['50%_off', \"it's\", 'a\\*b']\n  filter: { User: SYSTEM }\n  condition: sel and not filter",
)

const sqlite = createSqliteEngine()
const grepRaw = createGrepEngine({ form: 'raw' })
const grepJson = createGrepEngine({ form: 'jsonl' })
afterAll(() => [sqlite, grepRaw, grepJson].forEach((e) => e.close?.()))

describe('engines', () => {
  it('should run SQL in real SQLite with NULL for absent fields and REGEXP registered', () => {
    const { rule } = load("  sel: { Image|re: '(?i)\\\\cmd\\.exe$' }\n  condition: not sel")
    const verdict = sqlite.run(`SELECT * FROM logs WHERE NOT coalesce("Image" REGEXP '(?i)\\\\cmd\\.exe$', 0)`, [{ Image: 'C:\\CMD.EXE' }, {}], rule.expression)
    expect(verdict).toEqual({ ok: true, matched: [false, true] })
  })

  it('should report an SQL error as the engine rejecting the query', () => {
    const verdict = sqlite.run('SELECT * FROM logs WHERE (', [{}], HOSTILE.rule.expression)
    expect(verdict.ok).toBe(false)
  })

  it('should run real grep -P over one line per event', () => {
    const verdict = grepJson.run(`grep -P '"Image"\\s*:\\s*"x'\\''y"'`, [{ Image: "x'y" }, { Image: 'x' }], HOSTILE.rule.expression)
    expect(verdict).toEqual({ ok: true, matched: [true, false] })
  })

  it('should read the pattern of a grep command as the shell would', () => {
    expect(grepPattern(`grep -P '^(?:a'\\''b)'`)).toBe("^(?:a'b)")
    expect(grepPattern('^bare$')).toBe('^bare$')
  })
})

describe('checkRule', () => {
  for (const engine of [sqlite, grepJson, createLuceneEngine({ pipeline: 'none' })]) {
    it(`should find no disagreement for ${engine.id} on values full of quotes, wildcards and escapes`, () => {
      const outcome = checkRule(HOSTILE.rule, HOSTILE.collection, engine, { seed: 1, convert })
      expect(outcome.status).toBe('converted')
      if (outcome.status !== 'converted') return
      expect(outcome.engineError).toBeUndefined()
      expect(outcome.positives).toBeGreaterThan(0)
      expect(outcome.samples).toEqual([])
    })
  }

  it('should catch a backend that forgets how its wildcards are escaped', () => {
    const wrong: Convert = (document, collection, options) => {
      const result = convert(document, collection, options)
      return result.ok ? { ...result, query: result.query.replaceAll(" ESCAPE '\\'", '') } : result
    }
    const outcome = checkRule(HOSTILE.rule, HOSTILE.collection, sqlite, { seed: 1, convert: wrong })
    expect(outcome.status === 'converted' && outcome.underMatches).toBeGreaterThan(0)
  })

  it('should count over-matches of raw lines apart from missed matches', () => {
    const { rule, collection } = load("  sel: { Image: 'cmd.exe' }\n  condition: sel")
    const report = runCorpus([{ rule, collection }], grepRaw, { seed: 1, convert })
    expect(report.exactness).toBe('field-less')
    expect(report.underMatches).toBe(0)
    expect(failures(report)).toEqual([])
  })

  it('should fail a raw-line miss even when the rule warns, and count the seed reading\'s misses apart as warned', () => {
    // `EventID: 3` in another field must not exclude the event from `not OpNum: 3` (reports/findings.md).
    const { rule, collection } = load("  sel: { EventID: 3 }\n  filter: { OpNum: 3 }\n  condition: sel and not filter")
    const report = runCorpus([{ rule, collection }], grepRaw, { seed: 1, convert })
    expect(report.underMatches).toBe(0)
    expect(report.overMatches).toBeGreaterThan(0)
    // The raw engine given the seed reading's query (it warns): its misses still fail.
    const seedQuery: Convert = (document, c, options) => convert(document, c, { ...options, pipeline: 'raw-line-exclusions' })
    const strict = runCorpus([{ rule, collection }], grepRaw, { seed: 1, convert: seedQuery })
    expect(strict.underMatches).toBeGreaterThan(0)
    expect(failures(strict)).toContainEqual(expect.stringMatching(/missed match/))
    const exclusions = createGrepEngine({ form: 'raw-line-exclusions' })
    const seedReading = runCorpus([{ rule, collection }], exclusions, { seed: 1, convert })
    exclusions.close?.()
    expect(seedReading.engine).toBe('grep-raw-line-exclusions')
    expect(seedReading.warnedRules).toBe(1)
    expect(failures(seedReading)).toEqual([])
  })

  it('should record a crash without stopping', () => {
    const crashing: Convert = () => {
      throw new Error('boom')
    }
    const report = runCorpus([HOSTILE], sqlite, { seed: 1, convert: crashing })
    expect(report.crashes).toBe(1)
    expect(failures(report)).toEqual(['1 crash(es)'])
  })
})
