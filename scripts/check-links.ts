/**
 * After the build (last step of `npm run build`): crawls the exported site and fails on
 * any internal link or `#anchor` that does not resolve, any rule without a working
 * `/r/<id>/` stable link, and any URL of `reports/stable-urls.txt` that lost its page
 * (lib/site-check). External links are counted, never fetched.
 *
 *   npx tsx scripts/check-links.ts [out] [--update] [--workers N]
 *
 * `--update` adds the URLs of new content rules to the stable list (it never removes one).
 * The stable list is about `content/`: with `ATLAS_CONTENT_DIR` (fixture content) it is skipped.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { checkLinks, formatProblem, type LinkCheckRule } from '../lib/site-check/check-links'
import { addToStableList, readStableList, ruleStableUrls, unlisted } from '../lib/site-check/stable-urls'
import { buildCacheDir, contentDir, manifestDir, repoRoot } from '../lib/catalog/paths'
import { discover } from '../lib/catalog/sources/discover'
import type { ManifestIndex } from '../lib/catalog/manifest-types'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { update: { type: 'boolean', default: false }, workers: { type: 'string' }, list: { type: 'string' } },
})
const out = path.resolve(positionals[0] ?? path.join(repoRoot, 'out'))
const listFile = path.resolve(values.list ?? path.join(repoRoot, 'reports/stable-urls.txt'))
const label = path.relative(process.cwd(), out) || '.'

// Rules: the manifest the build read (with each rule's origin), else the export's own API list.
let rules: LinkCheckRule[]
let own: LinkCheckRule[] | null = null
const indexFile = path.join(manifestDir(), 'index.json')
if (existsSync(indexFile)) {
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as ManifestIndex
  rules = index.rules.map(({ id, slug }) => ({ id, slug }))
  // The project's own rules: the pages of content/rules (their file name is their slug, overlays included).
  const rulesDir = path.join(contentDir(), 'rules')
  const ownSlugs = new Set(existsSync(rulesDir) ? discover({ type: 'content', path: rulesDir }).map((e) => e.baseSlug) : [])
  own = rules.filter((r) => ownSlugs.has(r.slug))
} else {
  rules = (JSON.parse(readFileSync(path.join(out, 'api/rules.json'), 'utf8')) as { rules: LinkCheckRule[] }).rules
}
const checkStable = process.env.ATLAS_CONTENT_DIR === undefined
const stableUrls = checkStable ? readStableList(listFile) : []

const report = await checkLinks({
  out,
  rules,
  stableUrls,
  cacheDir: buildCacheDir('link-scans'),
  ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
})

const schemes = Object.entries(report.otherSchemes)
  .map(([scheme, n]) => `${n} ${scheme}:`)
  .join(', ')
console.log(
  `  link check: ${report.pages} pages + ${report.fragments} partials of ${report.files} files; ` +
    `${report.internal} internal links (${report.anchors} with #anchors), ${report.external} external (not fetched)` +
    `${schemes ? `, ${schemes}` : ''}; ${report.redirects} stable links; ${report.stableUrls} listed stable URLs; ${Math.round(report.ms)} ms`,
)

if (checkStable && own) {
  const fresh = unlisted(readStableList(listFile), ruleStableUrls(own))
  if (values.update && fresh.length) {
    addToStableList(listFile, fresh)
    console.log(`✓ added ${fresh.length} URL(s) to ${path.relative(process.cwd(), listFile)}`)
  } else if (fresh.length) {
    console.log(`  ${fresh.length} URL(s) of content rules are not in ${path.relative(repoRoot, listFile)} yet:`)
    for (const url of fresh.slice(0, 20)) console.log(`    ${url}`)
    if (fresh.length > 20) console.log(`    … and ${fresh.length - 20} more`)
    console.log(`  add them (the list only grows): npx tsx scripts/check-links.ts ${label} --update, then commit the list`)
  }
} else if (!checkStable) console.log('  stable URL list skipped: ATLAS_CONTENT_DIR names another content folder')

if (report.problems.length) {
  for (const problem of report.problems.slice(0, 50)) console.error(formatProblem(problem, label))
  if (report.problems.length > 50) console.error(`… and ${report.problems.length - 50} more`)
  console.error(`✗ link check: ${report.problems.length} problem(s)`)
  process.exit(1)
}
console.log(`✓ link check: every internal link, #anchor, stable link and listed URL resolves`)
