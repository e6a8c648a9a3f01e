/**
 * The last step of `npm run build`: give every `.html` under `out/` (or the folder given)
 * its Content Security Policy as `<meta http-equiv="Content-Security-Policy">`, hashing that
 * page's inline scripts and styles after everything else has written the page
 * (`lib/catalog/csp.ts`). It runs last so that it covers pages from any earlier step.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { applyCsp } from '../lib/catalog/csp'

const out = path.resolve(process.argv[2] ?? 'out')
const started = performance.now()
let pages = 0
let bytes = 0
let inline = 0
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full)
    else if (entry.name.endsWith('.html')) {
      const html = readFileSync(full, 'utf8')
      const result = applyCsp(html)
      if (result.html !== html) writeFileSync(full, result.html)
      pages++
      bytes += html.length
      inline += result.sources.scripts.length
    }
  }
}
walk(out)
const ms = Math.round(performance.now() - started)
console.log(
  `✓ content security policy on ${pages} pages (${inline} inline script hashes, ${(bytes / 1e6).toFixed(1)} MB read) in ${ms} ms` +
    ` from ${path.relative(process.cwd(), out) || out}`,
)
