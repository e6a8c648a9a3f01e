import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSigma } from './load'
import type { Location } from './position'

const VALID = path.join(__dirname, '__fixtures__/valid')

/** Locations as `line:column-line:column`, so the golden files stay readable. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact)
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  if ('file' in record && 'start' in record) {
    const { start, end } = record as unknown as Location
    return `${start.line}:${start.column}` + (end ? `-${end.line}:${end.column}` : '')
  }
  return Object.fromEntries(Object.entries(record).filter(([k, v]) => v !== undefined && k !== 'source' && k !== 'diagnostics').map(([k, v]) => [k, compact(v)]))
}

describe('golden trees (__fixtures__/valid/x.yml → x.ast.json; UPDATE=1 rewrites them)', () => {
  for (const name of readdirSync(VALID).filter((f) => f.endsWith('.yml'))) {
    it(`should parse ${name} into the expected documents`, () => {
      const collection = parseSigma(readFileSync(path.join(VALID, name), 'utf8'), name)
      expect(collection.diagnostics).toEqual([])
      const actual = JSON.stringify(compact(collection.documents), null, 2) + '\n'
      const golden = path.join(VALID, name.replace(/\.yml$/, '.ast.json'))
      if (process.env.UPDATE || !existsSync(golden)) writeFileSync(golden, actual)
      expect(actual).toBe(readFileSync(golden, 'utf8'))
    })
  }
})
