import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../sigma/diagnostics'
import { apiRules } from './api'
import { buildManifest } from './build-manifest'
import type { RuleDetail } from './manifest-types'
import { repoRoot } from './paths'
import { apiRulesJsonSchema } from './schemas/api'

const scratch = mkdtempSync(path.join(tmpdir(), 'atlas-catalog-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function prebuild(contentDir: string): { status: number; stderr: string } {
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-manifest.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ATLAS_CONTENT_DIR: contentDir,
        ATLAS_MANIFEST_DIR: path.join(scratch, 'manifest'),
        ATLAS_CACHE_DIR: path.join(scratch, 'cache'),
      },
      stdio: 'pipe',
    })
    return { status: 0, stderr: '' }
  } catch (error) {
    const e = error as { status: number; stderr: Buffer }
    return { status: e.status, stderr: e.stderr.toString() }
  }
}

describe('the prebuild step', () => {
  it('should fail on the broken fixture and list all five problems with file, line and column in one run', () => {
    const { status, stderr } = prebuild('lib/catalog/__fixtures__/broken')
    expect(status).toBe(1)
    const dir = 'lib/catalog/__fixtures__/broken/rules'
    expect(stderr).toMatch(new RegExp(`^${dir}/broken-mdx\\.mdx:23:1: error: .*\\[mdx-syntax\\]$`, 'm'))
    expect(stderr).toMatch(new RegExp(`^${dir}/bad-tag\\.mdx:8:7: error: .*attack\\.t10x9.*\\[attack-malformed-tag\\]$`, 'm'))
    expect(stderr).toMatch(new RegExp(`^${dir}/duplicate-b\\.mdx:4:7: error: Duplicate rule id .*duplicate-a\\.mdx.*\\[duplicate-rule-id\\]$`, 'm'))
    expect(stderr).toMatch(new RegExp(`^${dir}/failing-test\\.mdx:21:5: error: Sample test "powershell\\.exe wrongly expected to fire" failed.*\\[test-failed\\]$`, 'm'))
    expect(stderr).toMatch(new RegExp(`^${dir}/mdx-import\\.mdx:19:1: error: .*\`import\`.*\\[mdx-esm\\]$`, 'm'))
    expect(stderr).toMatch(/nothing written/)
  })

  it('should keep ATT&CK ids the data does not know, and warn about them and about revoked ones', async () => {
    const result = await buildManifest({ contentDir: path.join(repoRoot, 'lib/catalog/__fixtures__/good'), write: false })
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic)
    const file = 'lib/catalog/__fixtures__/good/rules/newer-attack-release.mdx'
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^${file}:10:7: warning: .*stealth.*\\[attack-unknown-tactic\\]$`)))
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^${file}:11:7: warning: .*T1686.*\\[attack-unknown-technique\\]$`)))
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^${file}:12:7: warning: .*T1059\\.001.*\\[attack-revoked-technique\\]$`)))
    const index = result.index!
    expect(index.tactics.at(-1)).toMatchObject({ shortname: 'stealth', known: false, count: 1 })
    expect(index.techniques['T1686']).toMatchObject({ known: false, rules: ['newer-attack-release'] })
  })

  it('should build the good fixture and report the results of its sample tests', async () => {
    const result = await buildManifest({ contentDir: path.join(repoRoot, 'lib/catalog/__fixtures__/good'), write: false })
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([])
    expect(result.index?.rules.map((r) => r.slug)).toEqual(['cmd-spawned-by-mmc', 'native-eql', 'newer-attack-release'])
    expect(result.index?.techniques['T1021.003']?.rules).toEqual(['cmd-spawned-by-mmc'])
    expect(result.index?.techniques['T1021']?.rules).toEqual(['cmd-spawned-by-mmc'])
  })
})

describe('frontmatter validation', () => {
  const write = (name: string, text: string) => {
    const dir = path.join(scratch, name, 'rules')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'rule.mdx'), text)
    return path.join(scratch, name)
  }

  it('should point a schema error at the offending value', async () => {
    const dir = write(
      'bad-severity',
      ['---', 'query: { language: eql, text: "process where true" }', 'id: 7d0e4b8c-3a2f-4e1d-8c6b-5a4f3e2d1c0b', 'title: T', 'description: D', 'severity: urgent', '---', ''].join('\n'),
    )
    const { diagnostics } = await buildManifest({ contentDir: dir, write: false })
    const formatted = diagnostics.map(formatDiagnostic)
    expect(formatted).toContainEqual(expect.stringMatching(/rule\.mdx:6:11: error: `severity`: .*\[frontmatter-invalid-value\]$/))
  })

  it('should report a missing detection and an unknown key', async () => {
    const dir = write('no-detection', ['---', 'title: T', '---', ''].join('\n'))
    const { diagnostics } = await buildManifest({ contentDir: dir, write: false })
    expect(diagnostics.map((d) => d.code)).toContain('frontmatter-no-detection')
  })

  it('should map a Sigma error inside the `sigma:` block to its line in the file', async () => {
    const dir = write(
      'bad-sigma',
      [
        '---',
        'sigma: |',
        '  title: T',
        '  id: 7d0e4b8c-3a2f-4e1d-8c6b-5a4f3e2d1c0b',
        '  logsource: { product: windows }',
        '  detection:',
        '    selection:',
        '      Image|nosuchmodifier: x',
        '    condition: selection',
        '---',
        '',
      ].join('\n'),
    )
    const { diagnostics } = await buildManifest({ contentDir: dir, write: false })
    const errors = diagnostics.filter((d) => d.severity === 'error')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.some((d) => d.location.start.line === 8)).toBe(true)
  })
})

describe('/api/rules.json', () => {
  it('should match its published JSON schema', async () => {
    const result = await buildManifest({ contentDir: path.join(repoRoot, 'lib/catalog/__fixtures__/good'), outDir: path.join(scratch, 'api-manifest') })
    const index = result.index!
    const details = index.rules.map(
      (r) => JSON.parse(readFileSync(path.join(scratch, 'api-manifest', 'rules', `${r.slug}.json`), 'utf8')) as RuleDetail,
    )
    const validate = new Ajv2020({ strict: false }).compile(apiRulesJsonSchema())
    const data = JSON.parse(JSON.stringify(apiRules(index, details)))
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...data, rules: [{ ...data.rules[0], severity: 'urgent' }] })).toBe(false)
  })
})
