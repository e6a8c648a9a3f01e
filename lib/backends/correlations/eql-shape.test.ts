import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'smol-toml'
import { describe, expect, it } from 'vitest'

/**
 * The Elastic corpus's own EQL sequences (`../shared/corpus/elastic/rules`) as
 * the reference for the shape of the sequences we write: the header
 * `sequence [by k, …] [with maxspan=N<unit>]` and steps `[<category> where …] [by k] [with runs=N]`.
 */
const here = path.dirname(fileURLToPath(import.meta.url))
const elastic = path.resolve(here, '../../../../shared/corpus/elastic/rules')
const HEADER = /^sequence(?: by [\w.@]+(?:, ?[\w.@]+)*)?(?: with maxspan ?= ?\d+[smhd])?$/
const STEP = /^\[\s*(\w+) where [\s\S]+\](?: by [\w.@]+(?:, ?[\w.@]+)*)?(?: with runs ?= ?\d+)?$/

function tomlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tomlFiles(path.join(dir, e.name)) : e.name.endsWith('.toml') ? [path.join(dir, e.name)] : []))
}

/** The header of a sequence: the text before its first step, comments removed, spaces collapsed. */
function header(query: string): string {
  const text = query.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').trim()
  return text.slice(0, text.indexOf('[')).trim().replace(/\s+/g, ' ')
}

const corpusSequences = tomlFiles(elastic)
  .map((file) => (parse(readFileSync(file, 'utf8')) as { rule?: { query?: string; language?: string } }).rule)
  .filter((rule) => rule?.language === 'eql' && /^\s*(\/\*[\s\S]*?\*\/\s*)?sequence\b/.test(rule.query ?? ''))
  .map((rule) => rule!.query!)

const ours = readdirSync(path.join(here, '__fixtures__'))
  .filter((f) => f.endsWith('.eql.txt'))
  .map((f) => readFileSync(path.join(here, '__fixtures__', f), 'utf8').split('\n').filter((l) => !/^(WARNING|UNSUPPORTED) /.test(l)).join('\n').trim())
  .filter((q) => q.startsWith('sequence'))

describe('EQL sequence shape', () => {
  it('should read the headers of the Elastic corpus sequences with the reference pattern', () => {
    expect(corpusSequences.length).toBeGreaterThan(150)
    const odd = corpusSequences.map(header).filter((h) => !HEADER.test(h))
    expect(odd).toEqual([])
  })

  it('should write sequences whose header and steps have the corpus shape', () => {
    expect(ours.length).toBeGreaterThanOrEqual(3)
    for (const query of ours) {
      const lines = query.split('\n')
      expect(lines[0], query).toMatch(HEADER)
      for (const step of lines.slice(1)) expect(step.trim(), query).toMatch(STEP)
    }
  })
})
