import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { atlas, ROOT } from '../testing'

const FIXTURES = path.join(ROOT, 'lib/attack/__fixtures__')

describe('atlas attack', () => {
  it('should import a STIX bundle into the compact table and report what it skipped', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'atlas-attack-')), 'enterprise-attack.json')
    const bundle = path.join(FIXTURES, 'mini-enterprise-bundle.json')
    const { code, stdout, stderr } = await atlas('attack', 'import', bundle, '--out', out, '--source', 'mini-enterprise-bundle.json')
    expect(code).toBe(0)
    expect(stdout).toContain('ATT&CK 18.1 enterprise-attack, 3 tactics, 11 techniques (5 sub-techniques, 4 revoked, 1 deprecated)')
    expect(stderr.trim().split('\n')).toHaveLength(3)
    expect(stderr).toContain(`${bundle}:1:1: warning: T1999 is revoked but no revoked-by relationship names its replacement [attack-import]`)
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'mini-enterprise-bundle.compact.json'), 'utf8'))
  })

  it('should fail with a located error on a file that is not JSON', async () => {
    const result = await atlas('attack', 'import', path.join(FIXTURES, 'missing.json'))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/missing\.json:1:1: error: cannot read the bundle: .*ENOENT.* \[attack-import\]/)
  })

  it('should resolve tags, printing warnings for ids a newer ATT&CK introduced', async () => {
    const { code, stdout, stderr } = await atlas('attack', 'tags', 'attack.t1021.003', 'attack.stealth')
    expect(code).toBe(0)
    expect(stdout).toContain('attack.t1021.003\ttechnique\tT1021.003 Distributed Component Object Model\thttps://attack.mitre.org/techniques/T1021/003/')
    expect(stderr).toContain('[attack-unknown-tactic]')
  })
})
