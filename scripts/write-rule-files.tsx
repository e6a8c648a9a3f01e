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
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderToStaticMarkup } from 'react-dom/server'
import { DeferredQueries, RulePage, hasQueries } from '../components/rule-page'
import { StaticDocument, type DocumentHead } from '../components/static-document'
import { applyCsp, isDocument } from '../lib/catalog/csp'
import { insideDir } from '../lib/catalog/inside-dir'
import { readAssets, readIndex } from '../lib/catalog/manifest-files'
import { buildCacheDir, manifestDir, repoRoot } from '../lib/catalog/paths'
import { queriesUrl, ruleStaticFiles, ruleUrl, type StaticFile } from '../lib/catalog/static-files'
import type { RuleDetail } from '../lib/catalog/manifest-types'

const started = Date.now()
const out = path.resolve(process.argv[2] ?? path.join(repoRoot, 'out'))
const pageCache = buildCacheDir('pages')
const index = readIndex()
const ruleFile = (slug: string) => path.join(manifestDir(), 'rules', `${slug}.json`)
/** What every rule page's head shares. */
type SharedHead = Omit<DocumentHead, 'title' | 'description'>

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
function templateKey(head: SharedHead): string {
  const hash = createHash('sha256').update(JSON.stringify([head, index.targets]))
  const sources = ['components', 'lib/catalog/rule-queries.ts', 'lib/catalog/static-files.ts', 'lib/catalog/csp.ts', 'scripts/write-rule-files.tsx', 'package-lock.json']
  for (const source of sources) {
    const full = path.join(repoRoot, source)
    const files = source.includes('.') ? [full] : readdirSync(full, { recursive: true, encoding: 'utf8' }).sort().map((f) => path.join(full, f))
    for (const file of files) if (/\.(tsx?|json)$/.test(file)) hash.update(path.relative(repoRoot, file)).update(readFileSync(file))
  }
  return hash.digest('hex')
}

/** Every file of one rule, by its path under `out/`. */
function ruleFiles(rule: RuleDetail, head: SharedHead): StaticFile[] {
  const page = renderToStaticMarkup(
    <StaticDocument head={{ ...head, title: rule.title, description: rule.description }}>
      <RulePage rule={rule} targets={index.targets} deferredUrl={queriesUrl(rule.slug)} />
    </StaticDocument>,
  )
  const files: StaticFile[] = [{ path: `${ruleUrl(rule.slug).slice(1)}index.html`, text: `<!DOCTYPE html>${page}\n` }, ...ruleStaticFiles(rule)]
  if (hasQueries(rule, index.targets))
    files.push({ path: queriesUrl(rule.slug).slice(1), text: `${renderToStaticMarkup(<DeferredQueries rule={rule} targets={index.targets} />)}\n` })
  // Documents get their policy here, so the cache holds finished pages: the build's CSP step
  // (scripts/apply-csp.ts) still checks them and finds nothing to change.
  return files.map((file) => (isDocument(file.text) ? { ...file, text: applyCsp(file.text).html } : file))
}

/** Renders one rule into its cache entry: a folder of its files, named by their encoded paths under out/. */
function render(text: string, entry: string, head: SharedHead): void {
  const staging = `${entry}.${process.pid}.partial`
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging)
  for (const file of ruleFiles(JSON.parse(text) as RuleDetail, head)) writeFileSync(path.join(staging, encodeURIComponent(file.path)), file.text)
  renameSync(staging, entry)
}

/** Each rule's slug and cache entry (hashing its manifest file, read one at a time: they are hundreds of MB). */
function* entries(template: string, problems: string[]): Generator<{ slug: string; entry: string }> {
  for (const { slug } of index.rules) {
    let text: string
    try {
      text = readFileSync(ruleFile(slug), 'utf8')
    } catch {
      problems.push(`the manifest lists ${slug} but has no rules/${slug}.json`)
      continue
    }
    yield { slug, entry: path.join(pageCache, createHash('sha256').update(template).update(text).digest('hex')) }
  }
}

type Miss = { readonly slug: string; readonly entry: string }

/** Renders the missing pages, on one process per core when there are many (`--shard i/n FILE`: every n-th miss of FILE). */
async function renderMisses(misses: readonly Miss[], head: SharedHead): Promise<void> {
  const shards = misses.length >= 200 ? Math.min(availableParallelism(), 4) : 1
  if (shards === 1) {
    for (const miss of misses) render(readFileSync(ruleFile(miss.slug), 'utf8'), miss.entry, head)
    return
  }
  const list = path.join(pageCache, `misses.${process.pid}.json`)
  writeFileSync(list, JSON.stringify(misses))
  const script = fileURLToPath(import.meta.url)
  const exits = await Promise.allSettled(
    Array.from({ length: shards }, (_, i) => {
      const child = spawn(process.execPath, [...process.execArgv, script, out, '--shard', `${i}/${shards}`, list], { stdio: 'inherit' })
      return new Promise<void>((resolve, reject) =>
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`rule page shard ${i}/${shards} exited with ${code}`)))),
      )
    }),
  )
  rmSync(list, { force: true })
  const failed = exits.find((exit) => exit.status === 'rejected')
  if (failed) throw failed.reason
}

const head = { ...nextHead(), siteScript: readAssets().siteScript }
mkdirSync(pageCache, { recursive: true })
const shard = process.argv.indexOf('--shard')
if (shard > 0) {
  const [i, n] = process.argv[shard + 1]!.split('/').map(Number) as [number, number]
  const misses = JSON.parse(readFileSync(process.argv[shard + 2]!, 'utf8')) as Miss[]
  for (const [at, miss] of misses.entries()) if (at % n === i) render(readFileSync(ruleFile(miss.slug), 'utf8'), miss.entry, head)
  process.exit(0)
}

const problems: string[] = []
const keys = new Set<string>()
const misses: Miss[] = []
for (const miss of entries(templateKey(head), problems)) {
  keys.add(path.basename(miss.entry))
  if (!existsSync(miss.entry)) misses.push(miss)
}
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`)
  process.exit(1)
}
await renderMisses(misses, head)
let files = 0
for (const key of keys) {
  const entry = path.join(pageCache, key)
  for (const name of readdirSync(entry)) {
    const target = insideDir(out, decodeURIComponent(name))
    mkdirSync(path.dirname(target), { recursive: true })
    // A hard link, not a copy (the pages are a gigabyte at corpus scale): later steps replace
    // files in out/ by rename (apply-csp), never write through them, so the cache stays intact.
    rmSync(target, { force: true })
    try {
      linkSync(path.join(entry, name), target)
    } catch {
      copyFileSync(path.join(entry, name), target)
    }
    files++
  }
}
// Keep the cache to what this build used: it never grows past one catalog.
for (const entry of readdirSync(pageCache)) if (!keys.has(entry)) rmSync(path.join(pageCache, entry), { recursive: true })
console.log(
  `✓ wrote ${files} per-rule files for ${index.rules.length} rules (${misses.length} page(s) rendered, ${index.rules.length - misses.length} from cache) in ${Date.now() - started} ms`,
)
