import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type Page } from '@playwright/test'
import { parse } from 'yaml'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

interface Fixtures {
  /** Console errors and page errors seen during the test; asserted empty after it. */
  consoleErrors: string[]
  /** Requests that tried to leave localhost (aborted); asserted empty after it. */
  offsiteRequests: string[]
  /** What the pages' Content Security Policy blocked (`securitypolicyviolation` events); asserted empty after it. */
  cspViolations: string[]
}

/**
 * Every test runs against the served `out/`, fails on any console error, on any
 * Content Security Policy violation, and aborts (and fails on) any request to a
 * host other than the local server.
 */
export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    const url = process.env.ATLAS_E2E_URL
    if (!url) throw new Error('ATLAS_E2E_URL is not set: run the suite through playwright.config.ts (global setup)')
    await use(url)
  },
  offsiteRequests: [
    async ({ page, baseURL }, use) => {
      const offsite: string[] = []
      const origin = new URL(baseURL!).origin
      await page.route('**/*', (route) => {
        const url = route.request().url()
        if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue()
        offsite.push(url)
        return route.abort('blockedbyclient')
      })
      await use(offsite)
      expect(offsite, 'requests that left localhost').toEqual([])
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = []
      await page.exposeBinding('__atlasCspViolation', (_source, report: string) => void violations.push(report))
      await page.addInitScript(() => {
        // The binding is looked up when a violation happens (it is installed beside this script).
        const report = (r: string) => (window as unknown as { __atlasCspViolation: (r: string) => void }).__atlasCspViolation(r)
        document.addEventListener('securitypolicyviolation', (e) =>
          report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${location.pathname} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`),
        )
      })
      await use(violations)
      expect(violations, 'Content-Security-Policy violations').toEqual([])
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`)
      })
      page.on('pageerror', (error) => errors.push(error.message))
      // A failed request (a 404 for a payload, an icon …) counts as an error too.
      page.on('response', (response) => {
        if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`)
      })
      await use(errors)
      expect(errors, 'console errors and failed requests').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/**
 * What `atlas convert` prints for a rule page's Sigma detection: the `sigma:` block
 * of its frontmatter, written to a file and converted by the CLI.
 */
export function atlasConvert(slug: string, target: string): string {
  const text = readFileSync(path.join(root, 'content', 'rules', `${slug}.mdx`), 'utf8')
  const frontmatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? ''
  const sigma = (parse(frontmatter) as { sigma: string }).sigma
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-e2e-'))
  const file = path.join(dir, `${slug}.yml`)
  writeFileSync(file, sigma)
  try {
    return execFileSync(process.execPath, ['bin/atlas.mjs', 'convert', '--target', target, file], {
      cwd: root,
      encoding: 'utf8',
    }).replace(/\n$/, '')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The problems lib/attack's Navigator 4.5 layer validator finds (run through tsx:
 * the library imports its JSON data, which Playwright's loader does not).
 */
export function navigatorLayerProblems(layer: unknown): string[] {
  const code = `import { validateNavigatorLayer } from './lib/attack/index.ts'
import { readFileSync } from 'node:fs'
console.log(JSON.stringify(validateNavigatorLayer(JSON.parse(readFileSync(0, 'utf8')))))`
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: root,
    input: JSON.stringify(layer),
    encoding: 'utf8',
  })
  return JSON.parse(out) as string[]
}

/** Opens a page and waits until its scripts (React's on the search and converter, the behaviours script everywhere) have run. */
export async function open(page: Page, url: string) {
  await page.goto(url)
  await page.waitForLoadState('networkidle')
}
