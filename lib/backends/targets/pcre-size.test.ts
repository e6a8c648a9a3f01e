import { spawnSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import type { FlatEvent } from '../../sigma/testing/event'
import { createGrepEngine } from '../differential/engines/grep-engine'
import { engineVerdicts } from '../testing'
import { PCRE_SIZE_LIMIT, pcreCompiledSize } from './pcre-size'

/** Whether real `grep -P` compiles the pattern (exit 2 is its "regular expression is too large"). */
const grepCompiles = (pattern: string) => spawnSync('grep', ['-P', '-e', pattern, '/dev/null'], { env: { ...process.env, LC_ALL: 'C.UTF-8' } }).status !== 2

const HEX = '[0-9a-fA-F]'
const JSON_CLASS = '(?:[^\\x{5c}"\\\\\\x00-\\x1f]|\\\\(?:["btnfr]|u[0-9a-fA-F]{4}))'

describe('PCRE2 compiled size', () => {
  // Each family around the limit: what real grep refuses must be over the estimate's limit, and what it compiles under.
  const families: Record<string, (n: number) => string> = {
    classes: (n) => HEX.repeat(n),
    literals: (n) => 'a'.repeat(n),
    'non-ASCII literals': (n) => 'é'.repeat(n),
    alternatives: (n) => `(?:${Array.from({ length: n }, (_, i) => `x${i}`).join('|')})`,
    'counted groups': (n) => `(?:${HEX}{1,4}:){${n}}`,
    'counted JSON classes': (n) => `${JSON_CLASS}{1,${n}}`,
    'repeated calls': (n) => `(?(DEFINE)(?<c>${JSON_CLASS}))${'(?&c){2,9}'.repeat(n)}`,
    'starred calls': (n) => `(?(DEFINE)(?<c>ab))${'(?&c)*x'.repeat(n)}`,
    'starred groups': (n) => '(?:ab)*'.repeat(n),
    'emoji, raw or escaped': (n) => `(?(DEFINE)(?<c>ab))(?:${Array(n).fill('(?&c)*(?:🦆|(?i:\\\\ud83e\\\\udd86))(?&c)*').join('|')})`,
  }
  for (const [name, make] of Object.entries(families)) {
    it(`should estimate ${name} on the side of the limit grep puts them`, () => {
      let compiled = 1
      let refused = 1
      while (grepCompiles(make(refused))) refused *= 2
      // Bisect to the first size grep refuses, then check both sides of it.
      while (refused - compiled > 1) {
        const middle = Math.floor((compiled + refused) / 2)
        if (grepCompiles(make(middle))) compiled = middle
        else refused = middle
      }
      expect(pcreCompiledSize(make(refused))).toBeGreaterThan(PCRE_SIZE_LIMIT)
      expect(pcreCompiledSize(make(Math.floor(compiled * 0.9)))).toBeLessThanOrEqual(PCRE_SIZE_LIMIT)
    })
  }
})

describe('a long atom counted many times', () => {
  const engine = createGrepEngine({ form: 'jsonl' })
  afterAll(() => engine.close?.())

  it('should be written as a call to one copy, so grep compiles it and matches as the evaluator', () => {
    const detection = "  sel:\n    - f|re: 'ab\\\\[^\\\\]{1,256}$'\n    - g|re: '^(?:x[^y]){0,40}z$'\n  condition: sel"
    const events: FlatEvent[] = [{ f: 'ab\\x' }, { f: 'ab\\' + 'x'.repeat(256) }, { f: 'ab\\' + 'x'.repeat(257) }, { f: 'ab\\x\\y' }, { f: 'ab\\"\n😀' }, { g: 'z' }, { g: 'xaxbz' }, { g: 'xyz' }, { g: 'xa'.repeat(40) + 'z' }, { g: 'xa'.repeat(41) + 'z' }]
    const { query, engine: verdict, reference } = engineVerdicts(engine, detection, events)
    expect(query).toContain('(?-1){0,255}')
    expect(verdict).toEqual(reference)
    expect(reference).toEqual([true, true, false, false, true, true, true, false, true, false])
  })
})
