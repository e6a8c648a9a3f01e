/**
 * `npm run bench:site`: the site's weight and search speed, for the built
 * catalog (`out/`, the project's content) and for a generated catalog of 5,000
 * rules (the corpora's metadata, `site/corpus-catalog.ts`, served as the search
 * files over the same build). Prints, per catalog:
 *   - gzip JavaScript a rule page and the home page load;
 *   - gzip bytes fetched from opening `/` to the first result of a typed search;
 *   - search latency in Chromium, p50/p95 per keystroke over 100 typed queries;
 * and the index choice: the same documents as a prebuilt MiniSearch index and
 * as Pagefind (bytes before the first result, latency, one-typo recall).
 *
 * Sections are a list (`SECTIONS`): a build-time section (cold/second build,
 * out/ size) is added by pushing one more `{ title, run }`.
 * Options: --out DIR (default out/), --skip-pagefind, --count N (generated size),
 * --build (first the corpus-scale build figures of bench/catalog-build.bench.ts; rebuilds out/).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import sirv from 'sirv'
import type { ManifestIndex } from '../lib/catalog/manifest-types'
import { searchData, splitSearchData, type SearchData } from '../lib/search/documents'
import { serializeIndex } from '../lib/search/engine'
import { corpusCatalog } from './site/corpus-catalog'
import { bytesBeforeFirstResult, kb, launch, pageWeight, percentile, searchLatency } from './site/measure'
import { buildPagefind, measurePagefind } from './site/pagefind'
import { benchQueries } from './site/queries'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const option = (name: string) => {
  const i = args.indexOf(name)
  return i === -1 ? undefined : args[i + 1]
}
const out = path.resolve(root, option('--out') ?? 'out')
const count = Number(option('--count') ?? 5000)

export interface Row {
  readonly label: string
  readonly value: string
  readonly goal?: string
  readonly ok?: boolean
}
export interface Section {
  readonly title: string
  run(): Promise<Row[]>
}

/** Serves `dirs` as one site: the first that has a path wins (an overlay of generated files over `out/`). */
async function serve(dirs: readonly string[]) {
  const handlers = dirs.map((d) => sirv(d, { dev: false, etag: true, extensions: ['html'] }))
  const server = createServer((req, res) => {
    const next = (i: number): void => {
      const handler = handlers[i]
      if (!handler) {
        res.statusCode = 404
        res.end('not found')
        return
      }
      handler(req, res, () => next(i + 1))
    }
    next(0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) }
}

function catalogSection(name: string, data: SearchData, overlay: string | null): Section {
  return {
    title: `${name}: ${data.docs.length} rules`,
    async run() {
      const server = await serve(overlay ? [overlay, out] : [out])
      const browser = await launch()
      try {
        const manifest = JSON.parse(readFileSync(path.join(root, '.cache/atlas/manifest/index.json'), 'utf8')) as ManifestIndex
        const rule = await pageWeight(browser, `${server.url}/rules/${manifest.rules[0]!.slug}/`)
        const home = await pageWeight(browser, `${server.url}/`)
        const first = await bytesBeforeFirstResult(browser, server.url, 'mmc')
        const queries = benchQueries(data)
        const latency = await searchLatency(browser, server.url, queries)
        const p95 = percentile(latency.keys, 95)
        return [
          { label: 'rule page JS (gzip)', value: kb(rule.js), goal: '≤ 120 KB', ok: rule.js <= 120 * 1024 },
          { label: 'home page JS on load (gzip)', value: kb(home.js) },
          {
            label: 'fetched before the first result (gzip)',
            value: `${kb(first.bytes)} (JS ${kb(first.js)}, search core ${kb(first.index)}; then ${kb(first.later)} on idle)`,
            goal: '≤ 300 KB',
            ok: first.bytes <= 300 * 1024,
          },
          { label: 'open / → first result for "mmc"', value: `${first.ms} ms` },
          {
            label: `search latency per keystroke (${latency.keys.length} keys, 100 queries)`,
            value: `p50 ${percentile(latency.keys, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
            goal: 'p95 < 50 ms',
            ok: p95 < 50,
          },
          {
            label: 'search latency per whole query',
            value: `p50 ${percentile(latency.finals, 50).toFixed(1)} ms, p95 ${percentile(latency.finals, 95).toFixed(1)} ms`,
          },
        ]
      } finally {
        await browser.close()
        await server.close()
      }
    },
  }
}

function indexChoiceSection(name: string, data: SearchData): Section {
  return {
    title: `index choice, ${name}: ${data.docs.length} rules`,
    async run() {
      const { core, text } = splitSearchData(data)
      const gz = (value: unknown) => gzipSync(typeof value === 'string' ? value : JSON.stringify(value)).length
      const prebuilt = serializeIndex(data)
      const rows: Row[] = [
        { label: 'MiniSearch, shipped documents: core + text (gzip)', value: `${kb(gz(core))} + ${kb(gz(text))}` },
        { label: 'MiniSearch, prebuilt index alone (gzip; documents extra)', value: kb(gz(prebuilt)) },
      ]
      if (args.includes('--skip-pagefind')) return rows
      const queries = benchQueries(data)
      const { dir, ms } = await buildPagefind(data)
      const server = await serve([dir])
      const browser = await launch()
      try {
        const pf = await measurePagefind(browser, server.url, queries)
        rows.push(
          { label: 'Pagefind index build', value: `${ms} ms` },
          { label: 'Pagefind fetched before the first result (gzip)', value: kb(pf.before) },
          {
            label: 'Pagefind latency per query (search + 10 results)',
            value: `p50 ${percentile(pf.timings, 50).toFixed(1)} ms, p95 ${percentile(pf.timings, 95).toFixed(1)} ms`,
          },
          { label: 'Pagefind results for "mmc" / "lateral movment" (typo)', value: `${pf.firstCount} / ${pf.typoCount}` },
        )
      } finally {
        await browser.close()
        await server.close()
      }
      return rows
    },
  }
}

// --build: first build the catalog cold and again after one change (bench/catalog-build.bench.ts;
// ATLAS_SOURCES, default both corpora), then measure the site it built.
if (args.includes('--build')) {
  const { catalogBuildSection } = await import('./catalog-build.bench')
  const section = catalogBuildSection()
  const rows = await section.run()
  console.log(`\n${section.title}`)
  const width = Math.max(...rows.map((r) => r.label.length))
  for (const r of rows) console.log(`  ${r.label.padEnd(width)}  ${r.value}${r.goal ? `   goal ${r.goal}: ${r.ok ? 'met' : 'MISSED'}` : ''}`)
}

if (!existsSync(path.join(out, 'index.html'))) {
  console.error(`No built site in ${path.relative(process.cwd(), out) || out}: run \`npm run build\` first (or pass --out DIR).`)
  process.exit(1)
}
const manifest = JSON.parse(readFileSync(path.join(root, '.cache/atlas/manifest/index.json'), 'utf8')) as ManifestIndex
const content = searchData(manifest)
const generated = searchData(corpusCatalog(path.resolve(root, '../shared'), manifest, count))
const overlay = mkdtempSync(path.join(tmpdir(), 'atlas-bench-site-'))
mkdirSync(path.join(overlay, 'search'))
const split = splitSearchData(generated)
writeFileSync(path.join(overlay, 'search', 'core.json'), JSON.stringify(split.core))
writeFileSync(path.join(overlay, 'search', 'text.json'), JSON.stringify(split.text))

export const SECTIONS: Section[] = [
  catalogSection('project content', content, null),
  catalogSection(`generated catalog`, generated, overlay),
  indexChoiceSection('project content', content),
  indexChoiceSection('generated catalog', generated),
]

for (const section of SECTIONS) {
  const rows = await section.run()
  console.log(`\n${section.title}`)
  const width = Math.max(...rows.map((r) => r.label.length))
  for (const r of rows)
    console.log(`  ${r.label.padEnd(width)}  ${r.value}${r.goal ? `   goal ${r.goal}: ${r.ok ? 'met' : 'MISSED'}` : ''}`)
}
