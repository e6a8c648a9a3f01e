import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'

/**
 * For tests: `tree({ 'rules/a/index.html': '…' })` writes a small fixture `out/` tree in
 * a temp folder and returns the folder; the folders are removed after each test.
 */
export function useFixtureTrees(): (files: Record<string, string>) => string {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return (files) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'site-check-'))
    dirs.push(dir)
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), text)
    }
    return dir
  }
}
