/**
 * `npm run bench:csp`: the cost of the build's last step (`scripts/apply-csp.ts`) on the built
 * `out/` (or --out DIR), per page kind, and that cost extrapolated to the corpus build
 * (default 11,000 pages: --pages N), from the per-page time and size of each kind.
 * Parses only (no writes), three rounds after a warm-up; prints the median round.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { applyCsp } from '../lib/catalog/csp'

const arg = (name: string) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}
const out = path.resolve(arg('--out') ?? 'out')
const corpusPages = Number(arg('--pages') ?? 11_000)

const pages: { kind: string; html: string }[] = []
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full)
    else if (entry.name.endsWith('.html')) pages.push({ kind: path.relative(out, full).split(path.sep)[0]!.replace(/\.html$/, ''), html: readFileSync(full, 'utf8') })
  }
}
walk(out)

const round = () => {
  const byKind = new Map<string, { pages: number; bytes: number; ms: number }>()
  for (const { kind, html } of pages) {
    const started = performance.now()
    applyCsp(html)
    const entry = byKind.get(kind) ?? { pages: 0, bytes: 0, ms: 0 }
    entry.pages++
    entry.bytes += html.length
    entry.ms += performance.now() - started
    byKind.set(kind, entry)
  }
  return byKind
}
round()
const rounds = [round(), round(), round()].sort((a, b) => total(a) - total(b))
function total(byKind: Map<string, { ms: number }>) {
  return [...byKind.values()].reduce((sum, k) => sum + k.ms, 0)
}
const median = rounds[1]!
const all = [...median.values()].reduce((s, k) => ({ pages: s.pages + k.pages, bytes: s.bytes + k.bytes, ms: s.ms + k.ms }), { pages: 0, bytes: 0, ms: 0 })
console.log(`apply-csp on ${path.relative(process.cwd(), out) || out}: ${all.pages} pages, ${(all.bytes / 1e6).toFixed(1)} MB, ${all.ms.toFixed(0)} ms (${((all.bytes / 1e6) / (all.ms / 1000)).toFixed(0)} MB/s, parse and hash only)`)
for (const [kind, k] of [...median].sort((a, b) => b[1].pages - a[1].pages))
  console.log(`  ${kind.padEnd(14)} ${String(k.pages).padStart(5)} pages  ${(k.bytes / k.pages / 1024).toFixed(1).padStart(6)} KB/page  ${(k.ms / k.pages).toFixed(3)} ms/page`)
const rules = median.get('rules')
if (rules) {
  // The corpus build: about half rule pages, half /r/<id>/ stubs, plus the ~760 pages of this build.
  const rulePages = Math.round((corpusPages - all.pages) / 2)
  const stub = median.get('r')
  const estimate = all.ms + rulePages * (rules.ms / rules.pages) + rulePages * (stub ? stub.ms / stub.pages : 0.05)
  console.log(`extrapolated to ${corpusPages} pages (${rulePages} more rule pages and as many /r/ stubs): ${(estimate / 1000).toFixed(1)} s of parsing and hashing, plus reading and writing the files`)
}
