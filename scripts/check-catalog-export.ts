/**
 * After `next build`: every rule file of `content/` and the configured sources has
 * its page in `out/` — `out/rules/<slug>/index.html` and `out/r/<id>/index.html` for
 * every rule of the manifest, and as many pages as rule files (less the ones a content
 * page overlays). Recounts the source trees itself, so a rule lost anywhere fails the build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { contentDir, manifestDir, repoRoot } from '../lib/catalog/paths'
import { resolveSources } from '../lib/catalog/sources/config'
import { discover } from '../lib/catalog/sources/discover'

const out = path.resolve(process.argv[2] ?? path.join(repoRoot, 'out'))
const index = JSON.parse(readFileSync(path.join(manifestDir(), 'index.json'), 'utf8')) as { rules: { slug: string; id: string }[] }
const counts = JSON.parse(readFileSync(path.join(manifestDir(), 'counts.json'), 'utf8')) as Record<string, number>
const sources = resolveSources({ env: process.env.ATLAS_SOURCES, root: repoRoot })
const rulesDir = path.join(contentDir(), 'rules')
const files = {
  content: existsSync(rulesDir) ? discover({ type: 'content', path: rulesDir }).length : 0,
  sigma: 0,
  elastic: 0,
}
for (const source of sources) files[source.type as 'sigma' | 'elastic'] += discover(source).length

const problems: string[] = []
const expected = files.content + files.sigma + files.elastic - (counts.overlaid ?? 0)
if (index.rules.length !== expected)
  problems.push(`the manifest has ${index.rules.length} rules for ${expected} rule files (${JSON.stringify(files)}, ${counts.overlaid} overlaid)`)
const pages = new Set(readdirSync(path.join(out, 'rules')).filter((d) => existsSync(path.join(out, 'rules', d, 'index.html'))))
for (const rule of index.rules) {
  if (!pages.has(rule.slug)) problems.push(`no page out/rules/${rule.slug}/index.html`)
  if (!existsSync(path.join(out, 'r', rule.id, 'index.html'))) problems.push(`no stable link out/r/${rule.id}/index.html (${rule.slug})`)
}
if (pages.size !== index.rules.length) problems.push(`out/rules has ${pages.size} rule pages for ${index.rules.length} rules`)

if (problems.length) {
  for (const p of problems.slice(0, 50)) console.error(`✗ ${p}`)
  console.error(`✗ export check: ${problems.length} problem(s)`)
  process.exit(1)
}
console.log(
  `✓ export check: ${pages.size} rule pages = ${files.content} content + ${files.sigma} Sigma + ${files.elastic} Elastic rule files − ${counts.overlaid ?? 0} overlaid`,
)
