import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { atlas, ROOT } from '../testing'

const FIXTURES = path.join(ROOT, 'lib/catalog/sources/__fixtures__')

describe('atlas import', () => {
  it('should write one page per Sigma file, keep existing pages without --force, and name the pages it wrote', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'atlas-import-')), 'rules')
    const first = await atlas('import', 'sigma', path.join(FIXTURES, 'overlay/sigma'), '--out', out)
    expect(first.stdout).toMatch(/✓ 1 page\(s\) written/)
    expect(readdirSync(out)).toEqual(['mmc-spawns-cmd.mdx'])
    expect(readFileSync(path.join(out, 'mmc-spawns-cmd.mdx'), 'utf8')).toMatch(/^---\nsigma: \|\n  title: Command Shell Started by MMC\n/)
    const again = await atlas('import', 'sigma', path.join(FIXTURES, 'overlay/sigma'), '--out', out)
    expect(again.stdout).toMatch(/0 page\(s\) written .*1 existing kept/)
  })

  it('should report each Elastic rule it cannot import, located, and exit 1', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'atlas-import-')), 'rules')
    const result = await atlas('import', 'elastic', path.join(FIXTURES, 'broken-sources/elastic'), '--out', out)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/bad_risk\.toml:1:1: error: not imported: rule\.risk_score: .*\[import-skipped\]/)
    expect(result.stderr).toMatch(/unclosed\.toml:1:1: error: not imported: cannot parse the TOML/)
    expect(existsSync(path.join(out, 'bad-risk.mdx'))).toBe(false)
  })
})
