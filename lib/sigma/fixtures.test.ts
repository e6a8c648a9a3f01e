import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from './diagnostics'
import { parseSigma } from './load'
import { resolveCollection } from './resolve'

const ROOT = path.resolve(__dirname, '../..')
const BROKEN = path.join(__dirname, '__fixtures__/broken')

/** Every diagnostic of the broken-rule fixtures, loaded together as one run. */
function validateFolder(folder: string): string[] {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.yml'))
    .sort()
  const collections = files.map((f) => {
    const file = path.relative(ROOT, path.join(folder, f))
    return parseSigma(readFileSync(path.join(folder, f), 'utf8'), file)
  })
  return resolveCollection(collections).collection.diagnostics.map(formatDiagnostic)
}

describe('broken rules (__fixtures__/broken)', () => {
  it('should give exactly the expected located messages, all in one run (UPDATE=1 rewrites expected.txt)', () => {
    const actual = validateFolder(BROKEN).join('\n') + '\n'
    const golden = path.join(BROKEN, 'expected.txt')
    if (process.env.UPDATE || !existsSync(golden)) writeFileSync(golden, actual)
    expect(actual).toBe(readFileSync(golden, 'utf8'))
  })

  it('should report one error per broken file, each with its line and column', () => {
    const errors = validateFolder(BROKEN)
    expect(errors).toEqual([
      'lib/sigma/__fixtures__/broken/all-single-value.yml:8:30: error: Modifier `all` needs a list of two or more values [all-single-value]',
      'lib/sigma/__fixtures__/broken/bad-condition.yml:11:30: error: Unexpected `or`, expected an identifier [condition-unexpected-token]',
      'lib/sigma/__fixtures__/broken/bad-uuid.yml:2:5: error: Invalid id `1e0cdd52-5b47-4c3e-9c25-0b5cda5a1c0`, expected a UUID [invalid-id]',
      'lib/sigma/__fixtures__/broken/bad-yaml.yml:8:5: error: Flow sequence in block collection must be sufficiently indented and end with a ] [yaml-syntax]',
      'lib/sigma/__fixtures__/broken/duplicate-id-b.yml:2:5: error: Duplicate id `1e0cdd52-5b47-4c3e-9c25-0b5cda5a1c06`, also used at lib/sigma/__fixtures__/broken/duplicate-id-a.yml:2:5 [duplicate-id]',
      'lib/sigma/__fixtures__/broken/missing-identifier.yml:9:34: error: Unknown search identifier `filter_admin` in the condition [unknown-identifier]',
      'lib/sigma/__fixtures__/broken/re-after-contains.yml:8:30: error: Modifier `re` must be the first modifier, but it follows `contains` [modifier-not-first]',
      'lib/sigma/__fixtures__/broken/unknown-modifier.yml:8:21: error: Unknown modifier `containz` [unknown-modifier]',
    ])
  })
})
