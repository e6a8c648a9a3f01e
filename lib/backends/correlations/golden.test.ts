import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseSigma, resolveCollection } from '../../sigma'
import { convert } from '../index'
import { describeResult } from '../testing'

/**
 * Golden files for correlations: `__fixtures__/x.yml` (a correlation and its
 * rules) → `x.<target>[@pipeline].txt`, one per target that writes
 * correlations, plus one target that has none. A missing golden is written;
 * `UPDATE=1` rewrites them all.
 */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__')
export const CORRELATION_MATRIX = ['eql', 'esql', 'kql', 'kql@sentinel-windows-event', 'splunk', 'splunk@splunk-windows', 'sqlite', 'lucene'] as const

describe('golden correlation conversions', () => {
  for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.yml')).sort()) {
    const file = path.join(fixtures, name)
    const collection = resolveCollection([parseSigma(readFileSync(file, 'utf8'), `__fixtures__/${name}`)]).collection
    const correlation = collection.documents.find((d) => d.type === 'correlation')!
    for (const spec of CORRELATION_MATRIX) {
      it(`should convert ${name} for ${spec} as its golden file says`, () => {
        expect(collection.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        const [target, pipeline] = spec.split('@') as [string, string | undefined]
        const text = `${describeResult(convert(correlation, collection, { target, ...(pipeline ? { pipeline } : {}) }))}\n`
        const golden = path.join(fixtures, name.replace(/\.yml$/, `.${spec}.txt`))
        if (process.env.UPDATE || !existsSync(golden)) writeFileSync(golden, text)
        expect(text).toBe(readFileSync(golden, 'utf8'))
      })
    }
  }
})
