import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { kqlErrors } from '../../../scripts/kusto/check-kql'
import { KQL_SCHEMA } from './kql-schema'

const here = path.dirname(fileURLToPath(import.meta.url))
const goldenDirs = [path.join(here, '../__fixtures__'), path.join(here, '../correlations/__fixtures__')]

/** The queries of a golden file: results are separated by blank lines; UNSUPPORTED and WARNING lines are not queries. */
function queries(text: string): string[] {
  return text
    .split(/\n\n+/)
    .map((block) => block.split('\n').filter((line) => !/^(WARNING|UNSUPPORTED) /.test(line)).join('\n').trim())
    .filter(Boolean)
}

describe('kql goldens', () => {
  for (const dir of goldenDirs) {
    for (const name of readdirSync(dir).filter((f) => /\.kql(@[\w-]+)?\.txt$/.test(f))) {
      it(`should parse and analyze every query of ${path.basename(dir)}/${name} with Kusto.Language`, () => {
        for (const query of queries(readFileSync(path.join(dir, name), 'utf8'))) expect(kqlErrors(query, KQL_SCHEMA), query).toEqual([])
      })
    }
  }
})
