import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { Page } from '@playwright/test'
import { atlasConvert, navigatorLayerProblems, expect, open, root, test } from './fixtures'

const MMC = 'processes-created-by-mmc'
const DCOM = 'incoming-dcom-lateral-movement-with-mmc'
const shots = path.join(root, 'e2e', 'screenshots')

interface Catalog {
  targets: { id: string; pipelines: { id: string }[]; formats: { id: string; label: string }[] }[]
  rules: { slug: string; id: string }[]
}

/** The built catalog, as the site publishes it (read per test: the build runs in global setup). */
async function catalog(page: Page): Promise<Catalog> {
  return (await (await page.request.get('/api/rules.json')).json()) as Catalog
}

test('should go from the matrix to a technique to a rule', async ({ page }) => {
  await open(page, '/tactics/')
  await expect(page.getByRole('heading', { level: 1, name: /ATT&CK Enterprise matrix/ })).toBeVisible()
  const columns = page.locator('main section h2')
  await expect(columns.first()).toContainText('Reconnaissance')
  await page.screenshot({ path: path.join(shots, 'matrix.png'), fullPage: false })

  const lateral = page.locator('section', { has: page.getByRole('link', { name: 'Lateral Movement', exact: true }) })
  const remoteServices = lateral.locator('li', { has: page.getByRole('link', { name: 'Remote Services', exact: true }) }).first()
  await remoteServices.locator('summary [data-toggle]').click()
  await remoteServices.getByRole('link', { name: 'Distributed Component Object Model' }).click()
  await expect(page).toHaveURL(/\/techniques\/T1021\.003\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Distributed Component Object Model')

  await page.getByRole('link', { name: /Incoming DCOM Lateral Movement with MMC/i }).click()
  await expect(page).toHaveURL(new RegExp(`/rules/${DCOM}/$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/DCOM/)
})

test('should copy the Splunk query exactly as `atlas convert` prints it', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! })
  await open(page, `/rules/${MMC}/#splunk`)
  const panel = page.getByRole('tabpanel', { name: 'Splunk SPL' })
  await expect(panel).toBeVisible()
  await panel.getByRole('button', { name: /^Copy Splunk SPL/ }).filter({ visible: true }).click()
  await expect(panel.getByRole('button', { name: /^Copy Splunk SPL/ }).filter({ visible: true })).toHaveText('Copied ✓')
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toBe(atlasConvert(MMC, 'splunk'))
  await page.screenshot({ path: path.join(shots, 'rule.png'), fullPage: true })
})

test('should open the tab named in the URL fragment', async ({ page }) => {
  const index = await catalog(page)
  const ids = index.targets.map((t) => t.id)
  const target = ids.includes('eql') ? 'eql' : ids.find((id) => id !== ids[0])!
  await open(page, `/rules/${MMC}/#${target}`)
  const tab = page.locator(`#tab-${target}`)
  await expect(tab).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('tabpanel').and(page.locator(`#${target}`))).toBeVisible()
  await page.getByRole('tab', { selected: false }).first().click()
  await expect(tab).toHaveAttribute('aria-selected', 'false')
})

test('should land on the rule from its stable /r/<uuid>/ link', async ({ page }) => {
  const index = await catalog(page)
  const rule = index.rules.find((r) => r.slug === MMC)!
  await page.goto(`/r/${rule.id}/`)
  await expect(page).toHaveURL(new RegExp(`/rules/${MMC}/$`))
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/MMC/)
  const html = await (await page.request.get(`/r/${rule.id}/`)).text()
  expect(html).toContain(`<link rel="canonical" href="/rules/${MMC}/"`)
  expect(html).toMatch(/<meta http-equiv="refresh" content="0; url=\/rules\/processes-created-by-mmc\/"/)
})

test('should remember the pipeline choice across a reload', async ({ page }) => {
  const index = await catalog(page)
  const target = index.targets.find((t) => t.pipelines.length > 1)!
  const choice = target.pipelines[1]!.id
  await open(page, `/rules/${MMC}/#${target.id}`)
  const panel = page.locator(`#${target.id}`)
  await panel.getByLabel('Pipeline').selectOption(choice)
  await expect(panel.locator(`[data-pipeline="${choice}"][data-format="default"]`)).toBeVisible()
  await expect(panel.locator(`[data-pipeline="${choice}"][data-format="default"] pre`)).toBeVisible()
  await page.reload()
  await page.waitForLoadState('networkidle')
  await expect(panel.getByLabel('Pipeline')).toHaveValue(choice)
  await expect(panel.locator(`[data-pipeline="${choice}"][data-format="default"]`)).toBeVisible()
  await expect(panel.locator(`[data-pipeline="${choice}"][data-format="default"]`)).not.toContainText('Loading')
})

test('should load an output format on demand and copy it', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! })
  const index = await catalog(page)
  const target = index.targets.find((t) => t.formats.length > 1)!
  const format = target.formats[1]!
  await open(page, `/rules/${MMC}/#${target.id}`)
  const panel = page.locator(`#${target.id}`)
  await panel.getByRole('button', { name: format.label, exact: true }).click()
  const copy = panel.getByRole('button', { name: new RegExp(`^Copy .*${format.label}`) }).filter({ visible: true })
  await copy.click()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  const api = await (await page.request.get(`/api/rules/${MMC}.json`)).json()
  const expected = api.queries.find(
    (q: { target: string; pipeline: string; format: string }) =>
      q.target === target.id && q.pipeline === target.pipelines[0]!.id && q.format === format.id,
  )
  expect(copied).toBe(expected.query)
})

test('should serve the machine-readable files', async ({ page }) => {
  for (const url of ['/api/rules.json', '/api/rules.schema.json', `/api/rules/${MMC}.json`, '/attack/layer.json']) {
    const response = await page.request.get(url)
    expect(response.status(), url).toBe(200)
    expect(response.headers()['content-type'], url).toContain('application/json')
  }
})

test('should publish /api/rules.json that matches its published JSON schema', async ({ page }) => {
  const schema = await (await page.request.get('/api/rules.schema.json')).json()
  const rules = await (await page.request.get('/api/rules.json')).json()
  const validate = new Ajv2020({ strict: false }).compile(schema)
  expect(validate(rules), JSON.stringify(validate.errors)).toBe(true)
  expect(rules.rules.length).toBeGreaterThanOrEqual(14)
  for (const rule of rules.rules as { slug: string; id: string }[]) {
    expect((await page.request.get(`/rules/${rule.slug}/`)).status(), rule.slug).toBe(200)
    expect((await page.request.get(`/r/${rule.id}/`)).status(), rule.id).toBe(200)
  }
  const one = await (await page.request.get(`/api/rules/${MMC}.json`)).json()
  expect(validate({ ...rules, rules: [one] }), JSON.stringify(validate.errors)).toBe(true)
  const listed = rules.rules.find((r: { slug: string }) => r.slug === MMC)
  expect({ ...one, queries: one.queries.filter((q: { format: string }) => q.format === 'default') }).toEqual(listed)
})

test('should publish an ATT&CK Navigator 4.5 layer scored by rule count and linked to the rules', async ({ page }) => {
  const layer = await (await page.request.get('/attack/layer.json')).json()
  expect(navigatorLayerProblems(layer)).toEqual([])
  expect(layer.versions.layer).toBe('4.5')
  expect(layer.domain).toBe('enterprise-attack')
  const dcom = layer.techniques.find((t: { techniqueID: string }) => t.techniqueID === 'T1021.003')
  expect(dcom.score).toBeGreaterThanOrEqual(1)
  expect(dcom.links.map((l: { url: string }) => l.url)).toContainEqual(expect.stringMatching(new RegExp(`^https?://[^/]+/rules/${DCOM}/$`)))
})

test('should render every page type without console errors', async ({ page }) => {
  for (const url of ['/', '/tactics/lateral-movement/', '/techniques/T1218.014/', '/data/', `/rules/${DCOM}/`]) {
    await open(page, url)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  }
  const logsource = page.getByRole('link', { name: /windows\// }).first()
  await open(page, '/data/')
  await logsource.click()
  await expect(page.getByRole('heading', { name: /Fields read/ })).toBeVisible()
})

test('should serve rule pages without the React runtime: one small script of our own', async ({ page }) => {
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
  })
  await open(page, `/rules/${MMC}/`)
  expect(scripts).toEqual([expect.stringMatching(/^\/assets\/site\.[0-9a-f]+\.js$/)])
  // The behaviours still run: the tabs answer the keyboard.
  await page.locator('[role="tab"][aria-selected="true"]').focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('[role="tab"]').nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(page.locator('[role="tab"]').nth(1)).toBeFocused()
})
