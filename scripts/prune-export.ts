/**
 * After `next build`: remove the React Server Component payload files
 * (`index.txt`, `__next.*.txt`) from `out/`. Next writes them for client-side
 * navigation with `next/link`; the catalog's pages link with plain `<a>` (full
 * page loads, which also suits a static file share), so nothing requests them,
 * and they are about half of `out/`. Pages keep their inline payload for hydration.
 * A page that starts using `next/link` or `router.push` needs them back: drop this step.
 */
import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'

const out = path.resolve(process.argv[2] ?? 'out')
let removed = 0
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (full !== path.join(out, '_next')) walk(full)
    } else if (entry.name === 'index.txt' || (entry.name.startsWith('__next.') && entry.name.endsWith('.txt'))) {
      rmSync(full)
      removed++
    }
  }
}
walk(out)
console.log(`✓ pruned ${removed} client-navigation payload files from ${path.relative(process.cwd(), out) || out}`)
