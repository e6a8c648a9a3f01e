/**
 * Only the home page's "fetched before the first search result" figure of `npm run bench:site`,
 * for a built site, quick enough for the corpus build (where the whole bench is slow):
 *   node --import tsx bench/first-result.bench.ts [--out DIR] [--query mmc]
 */
import path from 'node:path'
import { serveStatic } from '../scripts/static-server'
import { bytesBeforeFirstResult, kb, launch } from './site/measure'

const args = process.argv.slice(2)
const option = (name: string) => {
  const i = args.indexOf(name)
  return i === -1 ? undefined : args[i + 1]
}
const out = path.resolve(option('--out') ?? 'out')
const query = option('--query') ?? 'mmc'

const server = await serveStatic(out, 0)
const browser = await launch()
try {
  const first = await bytesBeforeFirstResult(browser, server.url, query)
  console.log(`${path.relative(process.cwd(), out) || out}: open / → first result for "${query}" in ${first.ms} ms`)
  console.log(`  fetched before the first result (gzip): ${kb(first.bytes)} (JS ${kb(first.js)}, search core ${kb(first.index)}; then ${kb(first.later)} on idle)   goal ≤ 300 KB: ${first.bytes <= 300 * 1024 ? 'met' : 'MISSED'}`)
  for (const f of first.items.sort((a, b) => b.gzip - a.gzip).slice(0, 5)) console.log(`    ${kb(f.gzip).padStart(10)}  ${f.url.replace(server.url, '')}`)
} finally {
  await browser.close()
  await server.close()
}
