import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { parse } from 'yaml'
import { atlasConvert, expect, open, root, test } from './fixtures'

const MMC = 'processes-created-by-mmc'
const shots = path.join(root, 'e2e', 'screenshots')

/** The Sigma detection of a content page: its `sigma:` block. */
function sigmaOf(slug: string): string {
  const text = readFileSync(path.join(root, 'content', 'rules', `${slug}.mdx`), 'utf8')
  return (parse(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as { sigma: string }).sigma
}

/** What `atlas convert` prints for a target, or null when it cannot convert (exit 1). */
function cli(slug: string, target: string): string | null {
  try {
    return atlasConvert(slug, target)
  } catch {
    return null
  }
}

async function setRule(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Sigma rule' }).fill(text)
}

test('should convert the first seed rule into every target exactly as `atlas convert` does', async ({ page }) => {
  test.setTimeout(120_000)
  const { targets } = (await (await page.request.get('/api/rules.json')).json()) as { targets: { id: string }[] }
  await open(page, '/convert/')
  await setRule(page, sigmaOf(MMC))
  await expect(page.getByText('No problems found.')).toBeVisible()
  await expect(page.getByRole('heading', { name: /Queries · Processes Created by MMC/ })).toBeVisible()
  expect(targets.length).toBeGreaterThan(3)
  for (const { id } of targets) {
    const card = page.locator(`[data-target="${id}"]`)
    const expected = cli(MMC, id)
    if (expected === null) await expect(card.locator('[data-reason]')).toBeVisible()
    else expect(await card.locator('pre[data-query]').textContent(), id).toBe(expected)
  }
  await page.screenshot({ path: path.join(shots, 'converter.png') })
})

test('should show a problem at its line for a broken rule', async ({ page }) => {
  await open(page, '/convert/')
  const broken = sigmaOf(MMC).replace('Image|endswith:', 'Image|endswithh:')
  const line = broken.split('\n').findIndex((l) => l.includes('endswithh')) + 1
  await setRule(page, broken)
  const problem = page.locator('[data-diagnostic="error"]').first()
  await expect(problem).toContainText(`Line ${line}, column`)
  await expect(problem).toContainText('endswithh')
  await expect(problem).toHaveAttribute('data-line', String(line))
  await expect(page.locator(`[data-line="${line}"][data-problem="error"]`)).toHaveCount(1)
  await expect(page.getByRole('textbox', { name: 'Sigma rule' })).toHaveAttribute('aria-invalid', 'true')
  await problem.getByRole('button').click()
  const caretLine = await page
    .getByRole('textbox', { name: 'Sigma rule' })
    .evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length)
  expect(caretLine).toBe(line)
})

test('should reproduce the rule and the pipeline choice from the share link', async ({ page, context }) => {
  await open(page, '/convert/')
  const rule = sigmaOf(MMC).replace('Image|endswith', 'Image|contains')
  await setRule(page, rule)
  const splunk = page.locator('[data-target="splunk"]')
  const select = splunk.getByLabel('Pipeline')
  const options = await select.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))
  await select.selectOption(options[1]!)
  const query = await splunk.locator('pre[data-query]').textContent()
  const link = await page.getByRole('textbox', { name: 'Share link', exact: true }).inputValue()
  expect(link).toMatch(/\/convert\/#rule=/)

  const other = await context.newPage()
  await open(other, link)
  await expect(other.getByRole('textbox', { name: 'Sigma rule' })).toHaveValue(rule)
  await expect(other.locator('[data-target="splunk"]').getByLabel('Pipeline')).toHaveValue(options[1]!)
  expect(await other.locator('[data-target="splunk"] pre[data-query]').textContent()).toBe(query)
})

test('should load the converter code only on /convert/', async ({ page }) => {
  const scripts = async (url: string) => {
    const seen: string[] = []
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') seen.push(r.url())
    })
    await open(page, url)
    page.removeAllListeners('response')
    return seen
  }
  const convert = await scripts('/convert/')
  const rule = await scripts(`/rules/${MMC}/`)
  const home = await scripts('/')
  const only = convert.filter((s) => !rule.includes(s) && !home.includes(s))
  expect(only.length).toBeGreaterThan(0)
  for (const url of [...rule, ...home]) {
    const body = await (await page.request.get(url)).text()
    expect(body, url).not.toContain('Unknown modifier')
  }
})
