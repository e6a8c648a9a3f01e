/**
 * The CSP step of `npm run build`, after every step that writes pages: give every `.html`
 * document under `out/` (or the folder given) its Content Security Policy as
 * `<meta http-equiv="Content-Security-Policy">`, hashing that page's inline scripts and styles
 * (`lib/catalog/csp.ts`), so it covers pages from any earlier step. Fragments (a rule's
 * `queries.html`) are left alone: the page that loads them carries the policy. Each page's plan
 * is kept by a hash of its bytes (`buildCacheDir('csp')`), so a rebuild
 * parses only the pages that changed.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isDocument, planCsp, spliceCsp, type CspPlan } from '../lib/catalog/csp'
import { buildCacheDir } from '../lib/catalog/paths'

const out = path.resolve(process.argv[2] ?? 'out')
const cache = buildCacheDir('csp')
mkdirSync(cache, { recursive: true })
const started = performance.now()
const used = new Set<string>()
let pages = 0
let parsed = 0
let bytes = 0
let inline = 0

function plan(html: string): CspPlan {
  const key = `${createHash('sha256').update(html).digest('hex')}.json`
  used.add(key)
  try {
    return JSON.parse(readFileSync(path.join(cache, key), 'utf8')) as CspPlan
  } catch {
    const fresh = planCsp(html)
    writeFileSync(path.join(cache, key), JSON.stringify(fresh))
    parsed++
    return fresh
  }
}

const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full)
    else if (entry.name.endsWith('.html')) {
      const html = readFileSync(full, 'utf8')
      if (!isDocument(html)) continue
      const pagePlan = plan(html)
      const withPolicy = spliceCsp(html, pagePlan)
      // Replace the file, never write through it: rule pages are hard links into the page cache
      // (which already carry their policy, so they are left as they are).
      if (withPolicy !== html) {
        writeFileSync(`${full}.csp`, withPolicy)
        renameSync(`${full}.csp`, full)
      }
      pages++
      bytes += html.length
      inline += pagePlan.sources.scripts.length
    }
  }
}
walk(out)
for (const entry of readdirSync(cache)) if (!used.has(entry)) rmSync(path.join(cache, entry))
const ms = Math.round(performance.now() - started)
console.log(
  `✓ content security policy on ${pages} pages (${parsed} parsed, ${pages - parsed} from cache; ${inline} inline script hashes, ` +
    `${(bytes / 1e6).toFixed(1)} MB read) in ${ms} ms from ${path.relative(process.cwd(), out) || out}`,
)
