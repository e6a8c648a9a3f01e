/**
 * Pagefind on the same documents, for the index choice (README, Search): its
 * index written with the Node API from custom records (title, description,
 * ATT&CK, log source; facets as filters), then searched in Chromium.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as pagefind from 'pagefind'
import type { Browser } from '@playwright/test'
import type { SearchData } from '../../lib/search/documents'
import { NAME_SHIM, recorder, sum } from './measure'

export async function buildPagefind(data: SearchData): Promise<{ dir: string; ms: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-pagefind-'))
  const started = Date.now()
  const { index } = await pagefind.createIndex({})
  if (!index) throw new Error('pagefind: no index')
  for (const d of data.docs) {
    const tactics = d.tactics.map((t) => data.tactics[t] ?? t)
    await index.addCustomRecord({
      url: `/rules/${d.slug}/`,
      content: [d.title, d.description, ...d.techniques, ...tactics, d.product, d.category, d.service].filter(Boolean).join('. '),
      language: 'en',
      meta: { title: d.title },
      filters: { tactic: tactics, severity: [d.severity], status: [d.status], kind: [d.kind] },
    })
  }
  await index.writeFiles({ outputPath: path.join(dir, 'pagefind') })
  await pagefind.close()
  writeFileSync(
    path.join(dir, 'pf.html'),
    `<!doctype html><meta charset="utf-8"><title>pagefind bench</title><script type="module">
window.pf = await import('/pagefind/pagefind.js'); await window.pf.options({});
window.run = async (q) => { const r = await window.pf.search(q); const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data())); return { count: r.results.length, titles: data.map((d) => d.meta.title) } };
window.ready = true;
</script>`,
  )
  return { dir, ms: Date.now() - started }
}

export async function measurePagefind(browser: Browser, base: string, queries: readonly string[]) {
  const context = await browser.newContext()
  await context.addInitScript(NAME_SHIM)
  const page = await context.newPage()
  const rec = recorder(page)
  await page.goto(`${base}/pf.html`)
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true)
  const first = await page.evaluate(async () => (window as unknown as { run: (q: string) => Promise<{ count: number }> }).run('mmc'))
  const before = sum(await rec.list())
  const typo = await page.evaluate(async () => (window as unknown as { run: (q: string) => Promise<{ count: number }> }).run('lateral movment'))
  const timings = await page.evaluate(async (list: string[]) => {
    const run = (window as unknown as { run: (q: string) => Promise<unknown> }).run
    const out: number[] = []
    for (const q of list) {
      const t0 = performance.now()
      await run(q)
      out.push(performance.now() - t0)
    }
    return out
  }, queries as string[])
  await context.close()
  return { before, firstCount: first.count, typoCount: typo.count, timings }
}
