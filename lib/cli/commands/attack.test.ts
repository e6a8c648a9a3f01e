import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '../../..')
const FIXTURES = path.join(ROOT, 'lib/attack/__fixtures__')

describe('atlas attack', () => {
  it('should import a STIX bundle into the compact table and report what it skipped', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'atlas-attack-')), 'enterprise-attack.json')
    const bundle = path.join(FIXTURES, 'mini-enterprise-bundle.json')
    const { stdout, stderr } = await run('node', [path.join(ROOT, 'bin/atlas.mjs'), 'attack', 'import', bundle, '--out', out, '--source', 'mini-enterprise-bundle.json'])
    expect(stdout).toContain('ATT&CK 18.1 enterprise-attack, 3 tactics, 11 techniques (5 sub-techniques, 4 revoked, 1 deprecated)')
    expect(stderr.trim().split('\n')).toHaveLength(3)
    expect(stderr).toContain(`${bundle}:1:1: warning: T1999 is revoked but no revoked-by relationship names its replacement [attack-import]`)
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'mini-enterprise-bundle.compact.json'), 'utf8'))
  })

  it('should fail with a located error on a file that is not JSON', async () => {
    const result = await run('node', [path.join(ROOT, 'bin/atlas.mjs'), 'attack', 'import', path.join(FIXTURES, 'missing.json')]).catch((e) => e)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/missing\.json:1:1: error: cannot read the bundle: .*ENOENT.* \[attack-import\]/)
  })

  it('should resolve tags, printing warnings for ids a newer ATT&CK introduced', async () => {
    const { stdout, stderr } = await run('node', [path.join(ROOT, 'bin/atlas.mjs'), 'attack', 'tags', 'attack.t1021.003', 'attack.stealth'])
    expect(stdout).toContain('attack.t1021.003\ttechnique\tT1021.003 Distributed Component Object Model\thttps://attack.mitre.org/techniques/T1021/003/')
    expect(stderr).toContain('[attack-unknown-tactic]')
  })
})
