/**
 * Browser measurements for `npm run bench:site`: what a page fetches (gzip bytes,
 * as a static host with compression serves them) and how fast the search answers.
 */
import { gzipSync } from 'node:zlib'
import { chromium, type Browser, type Page, type Response } from '@playwright/test'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** tsx (esbuild keepNames) wraps named functions in `__name(...)`: page.evaluate code needs it defined in the page. */
export const NAME_SHIM = { content: 'window.__name = (f) => f' }

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

export interface Fetched {
  readonly url: string
  readonly type: string
  /** Bytes on the wire with gzip (level 6): already-compressed files (Pagefind's) count as they are. */
  readonly gzip: number
  readonly raw: number
}

const PRECOMPRESSED = /\.pf_(index|fragment|meta)$|\.pagefind$|\.wasm$/

/** Records every response of a page from now on; `list()` sizes what has arrived. */
export function recorder(page: Page) {
  const pending: Promise<Fetched | null>[] = []
  const onResponse = (response: Response) => {
    pending.push(
      response
        .body()
        .then((body) => {
          const url = response.url()
          const gzip = PRECOMPRESSED.test(new URL(url).pathname) ? body.length : gzipSync(body, { level: 6 }).length
          return { url, type: response.request().resourceType(), gzip, raw: body.length }
        })
        .catch(() => null),
    )
  }
  page.on('response', onResponse)
  return {
    async list(): Promise<Fetched[]> {
      return (await Promise.all(pending)).filter((f): f is Fetched => f !== null)
    },
    stop: () => page.off('response', onResponse),
  }
}

export const sum = (items: readonly Fetched[], type?: string) =>
  items.filter((f) => !type || f.type === type).reduce((total, f) => total + f.gzip, 0)

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN
}

/** gzip JS that a page loads by itself (no interaction), and everything it fetched. */
export async function pageWeight(browser: Browser, url: string): Promise<{ js: number; total: number }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const rec = recorder(page)
  await page.goto(url)
  await page.waitForLoadState('networkidle')
  const items = await rec.list()
  await context.close()
  return { js: sum(items, 'script'), total: sum(items) }
}

/** Marks (in the page) when the first search result appears: `window.firstResultAt`, a performance.now() time. */
const FIRST_RESULT_WATCH = {
  content: `new MutationObserver((_, observer) => {
    if (document.querySelector('a[data-result]')) { window.firstResultAt = performance.now(); observer.disconnect() }
  }).observe(document, { subtree: true, childList: true })`,
}

/**
 * Opens the home page in a fresh context, types `query` into the search box and
 * counts every byte whose request started before the first result appeared
 * (HTML, CSS, JS, the search core). What the page fetches afterwards (the
 * descriptions, on idle) is reported apart as `later`.
 */
export async function bytesBeforeFirstResult(browser: Browser, base: string, query: string) {
  const context = await browser.newContext()
  await context.addInitScript(FIRST_RESULT_WATCH)
  const page = await context.newPage()
  const rec = recorder(page)
  const started = Date.now()
  await page.goto(`${base}/`)
  const box = page.getByRole('searchbox', { name: 'Search rules' })
  await box.click()
  await box.pressSequentially(query)
  await page.locator('a[data-result]').first().waitFor()
  const ms = Date.now() - started
  await page.waitForLoadState('networkidle')
  const before = new Set(
    await page.evaluate(() => {
      const at = (window as unknown as { firstResultAt: number }).firstResultAt
      return [location.href, ...performance.getEntriesByType('resource').filter((e) => e.startTime <= at).map((e) => e.name)]
    }),
  )
  const all = await rec.list()
  const items = all.filter((f) => before.has(f.url))
  await context.close()
  return {
    bytes: sum(items),
    js: sum(items, 'script'),
    index: sum(items.filter((f) => f.url.includes('/search/'))),
    later: sum(all.filter((f) => !before.has(f.url))),
    ms,
    items,
  }
}

/**
 * Types each query one character at a time into the loaded search and times
 * each keystroke from its input event until the result list shows that text
 * (search plus React render). Returns per-keystroke and per-query latencies (ms).
 */
export async function searchLatency(browser: Browser, base: string, queries: readonly string[]) {
  const context = await browser.newContext()
  await context.addInitScript(NAME_SHIM)
  const page = await context.newPage()
  await page.goto(`${base}/`)
  await page.getByRole('searchbox', { name: 'Search rules' }).focus()
  await page.locator('form[data-index="ready"][data-text-loaded]').waitFor({ timeout: 60_000 })
  const timings = await page.evaluate(async (list: string[]) => {
    const input = document.querySelector<HTMLInputElement>('#q')!
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
    const shown = (text: string) => document.querySelector(`[data-query="${CSS.escape(text)}"]`) !== null
    const settle = (text: string) =>
      new Promise<void>((resolve) => {
        if (shown(text)) return resolve()
        const observer = new MutationObserver(() => {
          if (shown(text)) {
            observer.disconnect()
            resolve()
          }
        })
        observer.observe(document.body, { subtree: true, childList: true, attributes: true })
      })
    const keys: number[] = []
    const finals: number[] = []
    for (const query of list) {
      for (let i = 1; i <= query.length; i++) {
        const text = query.slice(0, i)
        const t0 = performance.now()
        setValue.call(input, text)
        input.dispatchEvent(new Event('input', { bubbles: true }))
        await settle(text)
        const ms = performance.now() - t0
        keys.push(ms)
        if (i === query.length) finals.push(ms)
        await new Promise((r) => setTimeout(r, 0))
      }
      setValue.call(input, '')
      input.dispatchEvent(new Event('input', { bubbles: true }))
      await new Promise((r) => setTimeout(r, 0))
    }
    return { keys, finals }
  }, queries as string[])
  await context.close()
  return timings
}
