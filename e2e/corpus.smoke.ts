import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { expect, open, root, test } from './fixtures'

/**
 * Smoke test of the catalog built from whole rule repositories (run by
 * `playwright.corpus.config.ts`, with ATLAS_SOURCES naming the SigmaHQ and Elastic trees):
 * one page of each kind, the matrix, search, and every rule file has its page.
 */
const SIGMA = 'proc-creation-win-mmc-mmc20-lateral-movement' // rules/windows/process_creation/proc_creation_win_mmc_mmc20_lateral_movement.yml
const DCOM = 'lateral-movement-dcom-mmc20' // elastic rules/windows/lateral_movement_dcom_mmc20.toml
const THRESHOLD = 'discovery-potential-syn-port-scan-detected' // elastic rules/network/…
const ML = 'ml-gcp-rare-method-by-city' // elastic rules/integrations/gcp/…

test('should have a page for every rule file of every source', () => {
  const output = execFileSync(process.execPath, ['--import', 'tsx', path.join('scripts', 'check-catalog-export.ts')], {
    cwd: root,
    encoding: 'utf8',
  })
  expect(output).toMatch(/✓ export check: \d+ rule pages/)
  const [, , , sigma, elastic] = /(\d+) rule pages = (\d+) content \+ (\d+) Sigma \+ (\d+) Elastic/.exec(output) ?? []
  expect(Number(sigma)).toBeGreaterThan(3000)
  expect(Number(elastic)).toBeGreaterThan(2000)
})

test('should show a SigmaHQ rule with every target', async ({ page }) => {
  await open(page, `/rules/${SIGMA}/`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('MMC20 Lateral Movement')
  const tabs = page.getByRole('tablist', { name: 'Target query languages' }).getByRole('tab')
  const catalog = (await (await page.request.get('/api/rules/' + SIGMA + '.json')).json()) as {
    queries: { target: string; ok: boolean }[]
  }
  const targets = [...new Set(catalog.queries.map((q) => q.target))]
  expect(targets.length).toBeGreaterThanOrEqual(9)
  await expect(tabs).toHaveCount(targets.length)
  for (const target of targets) {
    await page.locator(`#tab-${target}`).click()
    const panel = page.locator(`[role=tabpanel]#${target}`)
    await expect(panel.locator('pre.shiki, :text("cannot express this rule")').first()).toBeVisible()
  }
  await expect(page.getByRole('link', { name: /T1021\.003|Distributed Component Object Model/ }).first()).toBeVisible()
})

test('should show the Elastic DCOM/MMC EQL sequence with its schedule and investigation guide', async ({ page }) => {
  await open(page, `/rules/${DCOM}/`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Incoming DCOM Lateral Movement with MMC')
  const detection = page.locator('section', { has: page.getByRole('heading', { name: 'Detection' }) })
  await expect(detection.locator('pre.shiki')).toContainText('sequence by host.id with maxspan=1m')
  await expect(detection.locator('pre.shiki span[class^="hl-"]').first()).toBeVisible() // highlighted at build
  const facts = page.locator('section', { has: page.getByRole('heading', { name: 'Elastic rule' }) })
  await expect(facts).toContainText('Event Correlation (EQL)')
  await expect(facts.getByText('Runs every').locator('..')).toContainText('5m')
  await expect(facts.getByText('Searches indices from').locator('..')).toContainText('now-9m')
  await expect(facts.getByText('Searches indices from').locator('..')).toContainText('additional look-back time 4m')
  await expect(facts.getByText('Maximum alerts per run').locator('..')).toContainText('100')
  await expect(page.getByText('73', { exact: false }).first()).toBeVisible()
  const guide = page.locator('section', { has: page.getByRole('heading', { name: 'Investigation guide' }) })
  await expect(guide.getByRole('heading', { name: 'Investigating Incoming DCOM Lateral Movement with MMC' })).toBeVisible()
  await expect(guide.getByRole('heading', { name: 'Response and remediation' })).toHaveAttribute('id', 'response-and-remediation')
  await expect(guide.locator('script')).toHaveCount(0)
  for (const id of ['T1021.003', 'T1218.014', 'T1559.001'])
    await expect(page.locator(`a[href*="/techniques/${id}/"]`).first()).toBeVisible()
})

test('should show an Elastic threshold rule with its field and value', async ({ page }) => {
  await open(page, `/rules/${THRESHOLD}/`)
  const facts = page.locator('section', { has: page.getByRole('heading', { name: 'Elastic rule' }) })
  await expect(facts).toContainText('Threshold')
  const threshold = facts.locator('dt', { hasText: /^Threshold$/ }).locator('..')
  await expect(threshold).toContainText('destination.ip')
  await expect(threshold).toContainText('source.ip')
  await expect(threshold).toContainText(/at least 1 events/)
})

test('should show an Elastic machine learning rule with its job and anomaly threshold', async ({ page }) => {
  await open(page, `/rules/${ML}/`)
  const facts = page.locator('section', { has: page.getByRole('heading', { name: 'Elastic rule' }) })
  await expect(facts).toContainText('Machine Learning')
  await expect(facts.locator('dt', { hasText: 'Machine learning job' }).locator('..')).toContainText('gcp_audit_rare_method_for_a_city_ea')
  await expect(facts.locator('dt', { hasText: 'Anomaly score threshold' }).locator('..')).toContainText('50')
})

test('should count both corpora in the ATT&CK matrix', async ({ page }) => {
  await open(page, '/tactics/')
  const lateral = page.locator('section', { has: page.getByRole('link', { name: 'Lateral Movement', exact: true }) })
  const remote = lateral.locator('li', { has: page.getByRole('link', { name: 'Remote Services', exact: true }) }).first()
  const count = Number((await remote.innerText()).match(/(\d+)/)?.[1] ?? 0)
  expect(count).toBeGreaterThan(20)
  await open(page, '/techniques/T1021.003/')
  await expect(page.getByRole('link', { name: 'Incoming DCOM Lateral Movement with MMC' }).first()).toBeVisible()
  await expect(page.getByRole('link', { name: 'MMC20 Lateral Movement' }).first()).toBeVisible()
})

test('should find the DCOM rules when searching for T1021.003', async ({ page }) => {
  await open(page, '/')
  const box = page.getByRole('searchbox', { name: 'Search rules' })
  await box.click()
  await box.pressSequentially('T1021.003')
  await expect(page.locator('ol[data-query]')).toHaveAttribute('data-query', 'T1021.003', { timeout: 20_000 })
  const results = page.locator('a[data-result]')
  await expect(results.first()).toHaveAttribute('data-exact', 'true')
  const slugs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('data-result')))
  expect(slugs).toEqual(expect.arrayContaining(['incoming-dcom-lateral-movement-with-mmc']))
  expect(slugs.filter((s) => s === DCOM || s === SIGMA).length).toBeGreaterThan(0)
})

test('should show a building-block rule only when the search asks for building blocks', async ({ page }) => {
  const BLOCK = 'privilege-escalation-sts-getsessiontoken-abuse' // elastic rules_building_block/privilege_escalation_sts_getsessiontoken_abuse.toml
  await open(page, '/?q=GetSessionToken')
  const results = page.locator('a[data-result]')
  await expect(page.locator('ol[data-query]')).toHaveAttribute('data-query', 'GetSessionToken', { timeout: 20_000 })
  const slugs = () => results.evaluateAll((links) => links.map((a) => a.getAttribute('data-result')))
  expect(await slugs()).not.toContain(BLOCK)
  await expect(page.getByTestId('hidden-count')).toContainText(/\d+ deprecated or building-block rules? match/)

  const facet = page.locator('fieldset[data-facet="show"]')
  await facet.getByRole('checkbox', { name: /Building-block rules/ }).check()
  await expect(page).toHaveURL(/[?&]show=building-block/)
  await expect(page.locator(`a[data-result="${BLOCK}"]`)).toBeVisible()
  await expect(page.locator(`a[data-result="${BLOCK}"]`)).toContainText('building block')

  await open(page, `/rules/${BLOCK}/`)
  await expect(page.locator('article header').getByText('building block', { exact: true })).toBeVisible()
})
