/**
 * Two builds of the same commit must give byte-identical `out/` trees (issue 8, item 6).
 * Builds twice, each from cold (`.next` removed, the rule and rule-page caches in fresh
 * folders, so cached results cannot hide a difference), and compares every file's sha256.
 *
 *   npx tsx scripts/check-reproducible.ts [--build "npm run build"] [--keep]
 *
 * The environment passes through (ATLAS_SOURCES …: by default the content-only site).
 * `out/` holds the second build afterwards; `--keep` keeps the first and the caches in the temp folder.
 */
import { execSync } from 'node:child_process'
import { mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { repoRoot } from '../lib/catalog/paths'
import { compareDigests, treeDigest } from '../lib/site-check/tree-digest'

const { values } = parseArgs({ options: { build: { type: 'string', default: 'npm run build' }, keep: { type: 'boolean', default: false } } })
const work = mkdtempSync(path.join(tmpdir(), 'atlas-reproducible-'))
const out = path.join(repoRoot, 'out')

const build = (n: number): number => {
  rmSync(path.join(repoRoot, '.next'), { recursive: true, force: true })
  rmSync(out, { recursive: true, force: true })
  const started = performance.now()
  console.log(`▶ build ${n}/2: ${values.build} (cold: no .next, rule and page caches in ${work})`)
  execSync(values.build, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ATLAS_CACHE_DIR: path.join(work, `cache-${n}`), ATLAS_BUILD_CACHE: path.join(work, `build-cache-${n}`) } })
  return (performance.now() - started) / 1000
}

const firstSeconds = build(1)
const first = path.join(work, 'out-1')
renameSync(out, first)
const secondSeconds = build(2)
const a = treeDigest(first)
const b = treeDigest(out)
const differences = compareDigests(a, b)
if (!values.keep) rmSync(work, { recursive: true, force: true })

console.log(`  builds: ${firstSeconds.toFixed(0)} s and ${secondSeconds.toFixed(0)} s; ${a.size} and ${b.size} files compared by sha256`)
if (differences.length) {
  for (const d of differences.slice(0, 50)) console.error(`✗ ${d.kind}: ${d.file}`)
  if (differences.length > 50) console.error(`… and ${differences.length - 50} more`)
  console.error(`✗ reproducible build: ${differences.length} file(s) differ between two builds of the same tree${values.keep ? ` (first build kept in ${first})` : ''}`)
  process.exit(1)
}
console.log(`✓ reproducible build: ${b.size} files byte-identical in two cold builds`)
