import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SIGMA_RULES } from './corpus-paths'
import { formatDiagnostic } from './diagnostics'
import { parseSigma } from './load'
import { resolveCollection } from './resolve'

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f))
}

describe('the SigmaHQ corpus (../shared/corpus/sigma/rules)', () => {
  const files = yamlFiles(SIGMA_RULES)
  const resolved = resolveCollection(files.map((file) => parseSigma(readFileSync(file, 'utf8'), path.relative(SIGMA_RULES, file))))
  const diagnostics = resolved.collection.diagnostics.map(formatDiagnostic)

  it('should load every rule', () => {
    expect(files.length).toBeGreaterThan(3000)
    expect(resolved.collection.documents.length).toBe(files.length)
  })

  it('should validate every rule with no error (ATT&CK v19 tags are checked for syntax only)', () => {
    expect(diagnostics.filter((d) => d.includes(': error: '))).toEqual([])
  })

  it('should warn only about the one search identifier written with a modifier in its name', () => {
    expect(diagnostics).toEqual([
      'macos/process_creation/proc_creation_macos_file_and_directory_discovery.yml:27:5: warning: Search identifier `select_tree_execution|endswith` has characters a condition cannot refer to [identifier-name]',
    ])
  })
})
