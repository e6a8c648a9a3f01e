/**
 * After `next build`: write each rule's machine files into `out/` — its stable link
 * `r/<id>/index.html`, `api/rules/<slug>.json` and `rules/<slug>/queries.json`
 * (lib/catalog/static-files.ts). They are pure functions of the manifest; generating
 * them as Next routes cost most of the build's page-generation time.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { readIndex, readRule } from '../lib/catalog/manifest-files'
import { repoRoot } from '../lib/catalog/paths'
import { ruleStaticFiles } from '../lib/catalog/static-files'

const out = path.resolve(process.argv[2] ?? path.join(repoRoot, 'out'))
const index = readIndex()
const problems: string[] = []
let written = 0
for (const summary of index.rules) {
  const rule = readRule(summary.slug)
  if (!rule) {
    problems.push(`the manifest lists ${summary.slug} but has no rules/${summary.slug}.json`)
    continue
  }
  for (const file of ruleStaticFiles(index, rule)) {
    const target = path.join(out, file.path)
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, file.text)
    written++
  }
}
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`)
  process.exit(1)
}
console.log(`✓ wrote ${written} per-rule files (stable links, API JSON, deferred queries) for ${index.rules.length} rules`)
