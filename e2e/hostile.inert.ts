import type { Page } from '@playwright/test'
import { expect, open, test } from './fixtures'

/**
 * Run by `playwright.hostile.config.ts` against the catalog built from `e2e/hostile/`:
 * rules whose title, description, author, tags, false positives, references, Elastic
 * `note`/`setup` markdown, guide and detection values carry `<script>`, `<img onerror>`,
 * `<svg onload>`, `<iframe>` and `javascript:`/`data:` URLs. Every page must stay inert:
 * no dialog, no injected element or handler, no script-scheme link. (The refused MDX —
 * `<script>`/`<iframe>`/handlers in a guide — is a build error, tested in lib/catalog/guide.test.ts.)
 */
const RULES = {
  'hostile-sigma': '5f0c3a8e-2b1d-4c6e-9a7f-1e2d3c4b5a61',
  'hostile-elastic': '8d7e6f5a-4b3c-4d2e-9f1a-0b9c8d7e6f5a',
  'hostile-guide': '2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d',
}
const SLUGS = Object.keys(RULES) as (keyof typeof RULES)[]

/** Collects every dialog (alert, confirm, prompt, beforeunload) a page opens, dismissing it. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()} on ${page.url()}`)
    void dialog.dismiss()
  })
  return dialogs
}

/** Everything on the page that the payloads could have turned into code or a script link. */
async function injected(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = []
    const describe = (el: Element) => el.outerHTML.slice(0, 120)
    for (const el of document.querySelectorAll('*'))
      for (const attribute of el.attributes)
        if (/^on/i.test(attribute.name)) problems.push(`handler attribute: ${describe(el)}`)
    for (const el of document.querySelectorAll('iframe, frame, object, embed, applet, base')) problems.push(`element: ${describe(el)}`)
    for (const el of document.querySelectorAll('body svg [onload], body svg script, body math')) problems.push(`foreign content: ${describe(el)}`)
    for (const script of document.querySelectorAll('script')) {
      if (script.src) {
        if (new URL(script.src).origin !== location.origin) problems.push(`script from elsewhere: ${script.src}`)
        continue
      }
      const text = script.textContent ?? ''
      // Next's hydration payload carries the rule's text as escaped JSON data: allowed only as a pure data call.
      const payload = /^self\.__next_f\.push\(([\s\S]*)\)$/.exec(text)?.[1]
      if (payload !== undefined) {
        try {
          JSON.parse(payload)
          continue
        } catch {
          problems.push(`hydration script that is not pure data: ${text.slice(0, 120)}`)
          continue
        }
      }
      if (/alert\(1\)|onerror|onload/i.test(text)) problems.push(`script with a payload: ${text.slice(0, 120)}`)
    }
    for (const el of document.querySelectorAll<HTMLElement>('[href], [src], [action], [formaction], [srcdoc]')) {
      for (const name of ['href', 'src', 'action', 'formaction']) {
        const value = el.getAttribute(name)
        if (value === null) continue
        const protocol = new URL(value, location.href).protocol
        if (!['http:', 'https:', 'mailto:'].includes(protocol)) problems.push(`${name} with ${protocol} ${describe(el)}`)
      }
      if (el.hasAttribute('srcdoc')) problems.push(`srcdoc: ${describe(el)}`)
    }
    return problems
  })
}

async function expectInert(page: Page, dialogs: string[]) {
  // Give an injected `onerror`/`onload` handler time to fire (an image request fails fast).
  await page.waitForTimeout(300)
  expect(await injected(page), `injected elements on ${page.url()}`).toEqual([])
  expect(dialogs, 'dialogs').toEqual([])
}

for (const slug of SLUGS) {
  test(`should keep the ${slug} rule page inert and show its payloads as text`, async ({ page }) => {
    const dialogs = watchDialogs(page)
    await open(page, `/rules/${slug}/`)
    const title = await page.getByRole('heading', { level: 1 }).textContent()
    expect(title).toContain('<script>alert(1)</script>')
    // The description is on the page as the text the rule wrote.
    await expect(page.getByText(/description <script>alert\(1\)<\/script>/).first()).toBeVisible()
    await expectInert(page, dialogs)
    // Every tab of the queries panel renders conversions of payload values: still inert.
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click()
      await expectInert(page, dialogs)
    }
  })

  test(`should send the ${slug} stable link to its page without running anything`, async ({ page }) => {
    const dialogs = watchDialogs(page)
    await open(page, `/r/${RULES[slug]}/`)
    await expect(page).toHaveURL(new RegExp(`/rules/${slug}/$`))
    await expectInert(page, dialogs)
  })
}

test('should not link javascript: or data: references, and keep them as data in the API', async ({ page }) => {
  const dialogs = watchDialogs(page)
  const api = (await (await page.request.get('/api/rules/hostile-sigma.json')).json()) as { references: string[] }
  expect(api.references).toEqual(expect.arrayContaining(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>']))
  await open(page, '/rules/hostile-sigma/')
  await expect(page.locator('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i]')).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'https://example.com/?q=<script>alert(1)</script>' })).toBeVisible()
  await expectInert(page, dialogs)
})

test('should show javascript: and data: references on the rule page as text', async ({ page }) => {
  await open(page, '/rules/hostile-sigma/')
  await expect(page.getByText('javascript:alert(1)', { exact: true }).first()).toBeVisible({ timeout: 2_000 })
  await expect(page.getByText('data:text/html,<script>alert(1)</script>', { exact: true })).toBeVisible({ timeout: 2_000 })
})

test('should render the Elastic note markdown with raw HTML dropped and unsafe links as text', async ({ page }) => {
  const dialogs = watchDialogs(page)
  await open(page, '/rules/hostile-elastic/')
  const guide = page.locator('.markdown-guide', { has: page.getByRole('heading', { name: 'Triage' }) })
  await expect(guide.getByText('markdown javascript link')).toBeVisible()
  await expect(guide.getByRole('link', { name: 'markdown javascript link' })).toHaveCount(0)
  await expect(guide.getByRole('link', { name: 'reference-style link' })).toHaveCount(0)
  await expect(guide.getByRole('link', { name: 'a safe link' })).toHaveAttribute('href', 'https://example.com/')
  // The image keeps its alt text but loses its javascript: source.
  await expect(guide.getByRole('img', { name: 'markdown image' })).not.toHaveAttribute('src')
  await expect(guide.locator('img[src], div[onclick], svg, iframe, script')).toHaveCount(0)
  await expectInert(page, dialogs)
})

for (const query of ['hostile', 'script', 'onerror']) {
  test(`should list the hostile rules for "${query}" in the home page search without running anything`, async ({ page }) => {
    const dialogs = watchDialogs(page)
    await open(page, `/?q=${query}`)
    const results = page.locator('a[data-result]')
    await expect(results.first()).toBeVisible()
    expect((await results.allTextContents()).join(' ')).toContain('<script>alert(1)</script>')
    await expectInert(page, dialogs)
  })
}

// /404/ is Next's built-in page: its inline <style> and style attributes are allowed by hash (no CSP violation).
for (const url of ['/techniques/T1059/', '/techniques/T1059.001/', '/tactics/execution/', '/data/windows/process_creation/', '/', '/404/']) {
  test(`should list the hostile rules on ${url} without running anything`, async ({ page }) => {
    const dialogs = watchDialogs(page)
    await open(page, url)
    await expectInert(page, dialogs)
  })
}

test('should convert a hostile rule pasted into the converter without running anything', async ({ page, request }) => {
  const dialogs = watchDialogs(page)
  const sigma = await (await request.get('/api/rules/hostile-sigma.json')).json() as { detection: { text: string } }
  await open(page, '/convert/')
  await page.getByRole('textbox', { name: 'Sigma rule' }).fill(sigma.detection.text)
  await expect(page.getByRole('heading', { name: /Queries · Hostile Sigma/ })).toBeVisible()
  await expectInert(page, dialogs)
})
