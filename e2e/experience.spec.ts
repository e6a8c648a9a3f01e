import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { atlasConvert, expect, open, root, test } from './fixtures'

const MMC = 'processes-created-by-mmc'
const DCOM = 'incoming-dcom-lateral-movement-with-mmc'
const shots = path.join(root, 'e2e', 'screenshots')

const PAGES = {
  home: '/',
  search: '/?q=mmc',
  matrix: '/tactics/',
  technique: '/techniques/T1021.003/',
  rule: `/rules/${DCOM}/`,
  converter: '/convert/',
}

test('should keep the dark-mode choice across a reload', async ({ page }) => {
  await open(page, '/')
  const toggle = page.getByRole('button', { name: 'Dark mode' })
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await page.screenshot({ path: path.join(shots, 'home-light.png') })
  const light = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)
  await toggle.click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.locator('body')).not.toHaveCSS('background-color', light)
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true')
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: path.join(shots, 'home-dark.png') })
  await page.getByRole('button', { name: 'Dark mode' }).click()
  await page.reload()
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark')
})

test('should follow the system colour scheme when nothing was chosen', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await open(page, '/')
  await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true')
  const system = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'))
  await expect(page.locator('body')).not.toHaveCSS('background-color', system)
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'))
  await expect(page.locator('body')).toHaveCSS('background-color', system)
})

for (const scheme of ['light', 'dark'] as const)
  test(`should have no serious or critical axe violation on any page type (${scheme})`, async ({ page }) => {
    test.setTimeout(180_000)
    await page.emulateMedia({ colorScheme: scheme })
    const bad: string[] = []
    for (const [name, url] of Object.entries(PAGES)) {
      await open(page, url)
      if (name === 'search') await expect(page.locator('a[data-result]').first()).toBeVisible()
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          bad.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} “${n.failureSummary?.split('\n')[1]?.trim() ?? ''}”`).join(' | ')}`)
    }
    expect(bad).toEqual([])
  })

test('should not scroll sideways at 375 px on any page type', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 })
  for (const url of [...Object.values(PAGES), '/data/', '/tactics/lateral-movement/', `/rules/${MMC}/`]) {
    await open(page, url)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width, url).toBeLessThanOrEqual(375)
  }
  await open(page, `/rules/${DCOM}/`)
  await page.screenshot({ path: path.join(shots, 'rule-phone.png'), fullPage: true })
})

test('should print a rule page as a runbook: guide and every query, no navigation', async ({ page }) => {
  await open(page, `/rules/${DCOM}/`)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await expect(page.locator('header').first()).toBeHidden()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Investigation guide' })).toBeVisible()
  const panels = page.locator('[role="tabpanel"]')
  const count = await panels.count()
  expect(count).toBeGreaterThan(3)
  for (let i = 0; i < count; i++) await expect(panels.nth(i)).toBeVisible()
  await expect(page.getByRole('button', { name: /^Copy/ }).first()).toBeHidden()
  await page.pdf({ path: path.join(root, 'test-results', 'rule-runbook.pdf') })
})

test('should copy through the fallback when the Clipboard API is missing', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true })
    const copied: string[] = []
    ;(window as unknown as { copied: string[] }).copied = copied
    document.execCommand = (command: string) => {
      if (command === 'copy') copied.push(String(window.getSelection()?.toString() || (document.activeElement as HTMLTextAreaElement)?.value))
      return true
    }
  })
  await open(page, `/rules/${MMC}/#splunk`)
  const panel = page.getByRole('tabpanel', { name: 'Splunk SPL' })
  const button = panel.getByRole('button', { name: /^Copy Splunk SPL/ }).filter({ visible: true })
  await button.click()
  await expect(button).toHaveText('Copied ✓')
  expect(await page.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([atlasConvert(MMC, 'splunk')])
})

test('should show the text to copy by hand when the browser refuses to copy', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true })
    document.execCommand = () => false
  })
  await open(page, `/rules/${MMC}/#splunk`)
  const panel = page.getByRole('tabpanel', { name: 'Splunk SPL' })
  await panel.getByRole('button', { name: /^Copy Splunk SPL/ }).filter({ visible: true }).click()
  const manual = panel.getByRole('textbox', { name: /to copy/ })
  await expect(manual).toBeFocused()
  await expect(manual).toHaveValue(atlasConvert(MMC, 'splunk'))
  await expect(page.getByRole('status').filter({ hasText: 'press Control+C' })).toHaveCount(1)
})
