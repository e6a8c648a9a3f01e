/**
 * After `next build`: write every rule's files into `out/` from the manifest —
 *  - its page `rules/<slug>/index.html` (components/rule-page.tsx rendered to static
 *    HTML: no React runtime in the browser, only the site's behaviours script) and the
 *    other pipelines and output formats it loads on demand, `rules/<slug>/queries.html`;
 *  - its stable link `r/<id>/index.html` and `api/rules/<slug>.json` (lib/catalog/static-files.ts).
 * Pages are cached by content hash (the rule's manifest entry plus everything that
 * shapes a page), so a build after one rule changed renders one page.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { renderToStaticMarkup } from 'react-dom/server'
import { DeferredQueries, RulePage, hasQueries } from '../components/rule-page'
import { StaticDocument, type DocumentHead } from '../components/static-document'
import { readAssets, readIndex } from '../lib/catalog/manifest-files'
import { manifestDir, repoRoot } from '../lib/catalog/paths'
import { queriesUrl, ruleStaticFiles, ruleUrl } from '../lib/catalog/static-files'
import type { RuleDetail } from '../lib/catalog/manifest-types'

const started = Date.now()
const out = path.resolve(process.argv[2] ?? path.join(repoRoot, 'out'))
const pageCache = path.resolve(repoRoot, process.env.ATLAS_PAGE_CACHE_DIR ?? '.cache/atlas/pages')
const index = readIndex()

/** The head Next gave the rest of the site: its stylesheets and icon links, read from the home page. */
function nextHead(): Pick<DocumentHead, 'stylesheets' | 'icons'> {
  const home = readFileSync(path.join(out, 'index.html'), 'utf8')
  const links = [...home.matchAll(/<link\b[^>]*>/g)].map((m) => m[0])
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
  const stylesheets = links.filter((l) => attr(l, 'rel') === 'stylesheet').map((l) => attr(l, 'href')!)
  if (!stylesheets.length) throw new Error(`no stylesheet in ${path.join(out, 'index.html')}: run next build first`)
  const icons = links.filter((l) => attr(l, 'rel') === 'icon').map((l) => ({ href: attr(l, 'href')!, type: attr(l, 'type') }))
  return { stylesheets, icons }
}

/** Everything besides the rule itself that shapes its page: the head, the targets and the code that renders it. */
function templateKey(head: Omit<DocumentHead, 'title' | 'description'>): string {
  const hash = createHash('sha256').update(JSON.stringify([head, index.targets]))
  const sources = ['components', 'lib/catalog/rule-queries.ts', 'lib/catalog/static-files.ts', 'scripts/write-rule-files.tsx', 'package-lock.json']
  for (const source of sources) {
    const full = path.join(repoRoot, source)
    const files = source.includes('.') ? [full] : readdirSync(full, { recursive: true, encoding: 'utf8' }).sort().map((f) => path.join(full, f))
    for (const file of files) if (/\.(tsx?|json)$/.test(file)) hash.update(file).update(readFileSync(file))
  }
  return hash.digest('hex')
}

function renderPage(rule: RuleDetail, head: Omit<DocumentHead, 'title' | 'description'>): { page: string; queries?: string } {
  const deferredUrl = queriesUrl(rule.slug)
  const page = renderToStaticMarkup(
    <StaticDocument head={{ ...head, title: rule.title, description: rule.description }}>
      <RulePage rule={rule} targets={index.targets} deferredUrl={deferredUrl} />
    </StaticDocument>,
  )
  const result: { page: string; queries?: string } = { page: `<!DOCTYPE html>${page}\n` }
  if (hasQueries(rule, index.targets)) result.queries = `${renderToStaticMarkup(<DeferredQueries rule={rule} targets={index.targets} />)}\n`
  return result
}

const head = { ...nextHead(), siteScript: readAssets().siteScript }
const template = templateKey(head)
mkdirSync(pageCache, { recursive: true })
const used = new Set<string>()
const problems: string[] = []
let files = 0
let rendered = 0
const write = (relative: string, text: string) => {
  const target = path.join(out, relative)
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, text)
  files++
}
for (const summary of index.rules) {
  let text: string
  try {
    text = readFileSync(path.join(manifestDir(), 'rules', `${summary.slug}.json`), 'utf8')
  } catch {
    problems.push(`the manifest lists ${summary.slug} but has no rules/${summary.slug}.json`)
    continue
  }
  const rule = JSON.parse(text) as RuleDetail
  const key = createHash('sha256').update(template).update(text).digest('hex')
  used.add(`${key}.json`)
  const cached = path.join(pageCache, `${key}.json`)
  let result: { page: string; queries?: string }
  try {
    result = JSON.parse(readFileSync(cached, 'utf8')) as typeof result
  } catch {
    result = renderPage(rule, head)
    writeFileSync(cached, JSON.stringify(result))
    rendered++
  }
  write(`${ruleUrl(rule.slug).slice(1)}index.html`, result.page)
  if (result.queries !== undefined) write(queriesUrl(rule.slug).slice(1), result.queries)
  for (const file of ruleStaticFiles(rule)) write(file.path, file.text)
}
// Keep the cache to what this build used: it never grows past one catalog.
for (const entry of readdirSync(pageCache)) if (!used.has(entry)) rmSync(path.join(pageCache, entry))
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`)
  process.exit(1)
}
console.log(
  `✓ wrote ${files} per-rule files for ${index.rules.length} rules (${rendered} page(s) rendered, ${index.rules.length - rendered} from cache) in ${Date.now() - started} ms`,
)
