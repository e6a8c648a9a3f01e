import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, open, root, test } from './fixtures'

const MMC = 'processes-created-by-mmc'
const DCOM = 'incoming-dcom-lateral-movement-with-mmc'
const shots = path.join(root, 'e2e', 'screenshots')

interface ApiRules {
  rules: {
    slug: string
    status?: string
    date?: string
    modified?: string
    deprecated?: boolean
    building_block?: boolean
    attack: { tactic: { id: string; name?: string } }[]
  }[]
}

/** What the search lists by default: deprecated and building-block rules wait for `?show=`. */
const listed = (api: ApiRules) => api.rules.filter((r) => !r.deprecated && !r.building_block && r.status !== 'deprecated')

const results = (page: Page) => page.locator('a[data-result]')
const slugs = async (page: Page) => results(page).evaluateAll((links) => links.map((a) => a.getAttribute('data-result')))

async function search(page: Page, text: string) {
  const box = page.getByRole('searchbox', { name: 'Search rules' })
  await box.click()
  await box.pressSequentially(text)
  await expect(page.locator('ol[data-query]')).toHaveAttribute('data-query', text)
}

test('should find both MMC rules while typing "mmc" and keep the query in the URL', async ({ page }) => {
  await open(page, '/')
  await search(page, 'mmc')
  expect((await slugs(page)).sort()).toEqual([DCOM, MMC].sort())
  await expect(page).toHaveURL(/\/\?q=mmc$/)
  await expect(page.getByTestId('result-count')).toHaveText('2 rules for “mmc”')
  await page.screenshot({ path: path.join(shots, 'search.png') })

  await page.reload()
  await expect(page.getByRole('searchbox', { name: 'Search rules' })).toHaveValue('mmc')
  await expect(results(page)).toHaveCount(2)
})

test('should narrow by a tactic facet to as many rules as /api/rules.json has, and go back', async ({ page }) => {
  const api = (await (await page.request.get('/api/rules.json')).json()) as ApiRules
  const lateral = listed(api).filter((r) => r.attack.some((g) => g.tactic.name === 'Lateral Movement'))
  await open(page, '/')
  await page.getByRole('link', { name: 'browse them all with filters' }).click()
  await expect(page.getByTestId('result-count')).toHaveText(`${listed(api).length} rules`)
  const facet = page.locator('fieldset[data-facet="tactic"]')
  await expect(facet.getByRole('checkbox', { name: /Lateral Movement/ })).toBeVisible()
  await expect(facet.locator('label', { hasText: 'Lateral Movement' }).locator('[data-count]')).toHaveText(String(lateral.length))
  await facet.getByRole('checkbox', { name: /Lateral Movement/ }).check()
  await expect(page).toHaveURL(/[?&]tactic=lateral-movement/)
  await expect(page.getByTestId('result-count')).toHaveText(`${lateral.length} ${lateral.length === 1 ? 'rule' : 'rules'}`)
  expect((await slugs(page)).sort()).toEqual(lateral.map((r) => r.slug).sort())

  await page.goBack()
  await expect(page).not.toHaveURL(/tactic=/)
  await expect(page.getByTestId('result-count')).toHaveText(`${listed(api).length} rules`)

  await open(page, '/?q=mmc&tactic=lateral-movement&severity=high')
  expect(await slugs(page)).toEqual([DCOM])
})

test('should hide deprecated and building-block rules until the "Also show" facet asks, keeping the choice in the URL', async ({ page }) => {
  const api = (await (await page.request.get('/api/rules.json')).json()) as ApiRules
  const blocks = api.rules.filter((r) => r.building_block)
  const shown = listed(api)
  await open(page, '/?sort=severity')
  await expect(page.getByTestId('result-count')).toHaveText(`${shown.length} rules`)
  expect((await slugs(page)).length).toBe(Math.min(shown.length, 50))
  if (shown.length < api.rules.length) await expect(page.getByTestId('hidden-count')).toContainText(`${api.rules.length - shown.length} deprecated or building-block`)
  else await expect(page.getByTestId('hidden-count')).toHaveCount(0)

  // A choice in the URL is listed (even at 0) and kept; unchecking it takes it out of the URL.
  await open(page, '/?sort=severity&show=building-block')
  const facet = page.locator('fieldset[data-facet="show"]')
  const box = facet.getByRole('checkbox', { name: /Building-block rules/ })
  await expect(box).toBeChecked()
  await expect(facet.locator('label', { hasText: 'Building-block rules' }).locator('[data-count]')).toHaveText(String(blocks.length))
  await expect(page.getByTestId('result-count')).toHaveText(
    `${api.rules.filter((r) => r.status !== 'deprecated' && !r.deprecated).length} rules`,
  )
  await box.click() // (not uncheck(): with no such rule the value, at 0, leaves the panel once unchosen)
  await expect(page).toHaveURL(/\/\?sort=severity$/)
  await expect(page.getByTestId('result-count')).toHaveText(`${shown.length} rules`)
})

test('should send a tactic, technique or data page to the search with as many rules as the page counts', async ({ page }) => {
  for (const url of ['/tactics/lateral-movement/', '/techniques/T1021/', '/data/windows/process_creation/']) {
    await open(page, url)
    const heading = page.getByRole('heading', { level: 2, name: /^Rules/ })
    const count = Number((await heading.innerText()).match(/\((\d+)\)/)?.[1])
    expect(count, url).toBeGreaterThan(0)
    await page.locator('a[data-search-link]').click()
    await expect(page).toHaveURL(/\/\?.*sort=severity/)
    await expect(page.getByTestId('result-count')).toHaveText(`${count} ${count === 1 ? 'rule' : 'rules'}`)
  }
})

test('should sort newest first once the dates (in the second search file) have loaded', async ({ page }) => {
  const api = (await (await page.request.get('/api/rules.json')).json()) as ApiRules
  const updated = new Map(listed(api).map((r) => [r.slug, r.modified ?? r.date ?? '']))
  await open(page, '/?sort=newest')
  await expect(page.getByTestId('result-count')).toHaveText(`${updated.size} rules`)
  const dates = (await slugs(page)).map((slug) => updated.get(slug!))
  expect(dates[0]).toBe([...updated.values()].sort().at(-1))
  expect(dates).toEqual([...dates].sort().reverse())
})

test('should rank the DCOM rule first for "T1021.003"', async ({ page }) => {
  await open(page, '/')
  await search(page, 'T1021.003')
  expect((await slugs(page))[0]).toBe(DCOM)
  await expect(results(page).first()).toHaveAttribute('data-exact', 'true')
})

test('should still find lateral-movement rules with a typo ("lateral movment")', async ({ page }) => {
  const api = (await (await page.request.get('/api/rules.json')).json()) as ApiRules
  const lateral = listed(api).filter((r) => r.attack.some((g) => g.tactic.name === 'Lateral Movement')).map((r) => r.slug)
  await open(page, '/')
  await search(page, 'lateral movment')
  expect(lateral.length).toBeGreaterThan(0)
  expect(await slugs(page)).toEqual(expect.arrayContaining(lateral))
})

test('should reach a rule and its copy button with the keyboard alone', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! })
  await open(page, '/')
  await page.keyboard.press('/')
  await expect(page.getByRole('searchbox', { name: 'Search rules' })).toBeFocused()
  await page.keyboard.type('mmc')
  await expect(page.locator('ol[data-query]')).toHaveAttribute('data-query', 'mmc')
  await page.keyboard.press('ArrowDown')
  await expect(results(page).nth(0)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(results(page).nth(1)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  const first = await results(page).nth(0).getAttribute('data-result')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/rules/${first}/$`))
  await page.waitForLoadState('networkidle')

  let name = ''
  for (let i = 0; i < 120 && !name.startsWith('Copy '); i++) {
    await page.keyboard.press('Tab')
    name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')
  }
  expect(name).toMatch(/^Copy /)
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
  expect(outline).not.toBe('none')
  await page.keyboard.press('Enter')
  const button = page.locator(':focus')
  await expect(button).toHaveText('Copied ✓')
  await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard' })).toHaveCount(1)
})
