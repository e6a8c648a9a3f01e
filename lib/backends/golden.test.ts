import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseSigma } from '../sigma'
import { convert } from './index'
import { describeResult } from './testing'

/**
 * Golden files: `__fixtures__/x.yml` → `x.<target>.txt` for each target with
 * its default pipeline, plus `x.lucene@none.txt` (raw field names, as the
 * first seed's es-qs) and `x.grep@jsonl.txt` (field-aware grep). A missing
 * golden is written; `UPDATE=1` rewrites them all.
 */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__')
const MATRIX = [
  'sqlite',
  'splunk',
  'lucene',
  'lucene@none',
  'grep',
  'grep@jsonl',
  // Backends II: every construct also for these targets (KQL twice: Defender XDR tables, and Sentinel's WindowsEvent for any Windows field).
  'eql',
  'esql',
  'kql',
  'kql@sentinel-windows-event',
  'graylog',
  'logpoint',
] as const

describe('golden conversions', () => {
  for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.yml')).sort()) {
    const file = path.join(fixtures, name)
    const collection = parseSigma(readFileSync(file, 'utf8'), `__fixtures__/${name}`)
    for (const spec of MATRIX) {
      it(`should convert ${name} for ${spec} as its golden file says`, () => {
        expect(collection.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        const [target, pipeline] = spec.split('@') as [string, string | undefined]
        const text =
          collection.documents
            .map((document) => describeResult(convert(document, collection, { target, ...(pipeline ? { pipeline } : {}) })))
            .join('\n\n') + '\n'
        const golden = path.join(fixtures, name.replace(/\.yml$/, `.${spec}.txt`))
        if (process.env.UPDATE || !existsSync(golden)) writeFileSync(golden, text)
        expect(text).toBe(readFileSync(golden, 'utf8'))
      })
    }
  }
})
