import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../sigma/diagnostics'
import { buildManifest, targetSummaries } from '../build-manifest'
import { buildRule } from '../build-rule'
import { repoRoot } from '../paths'
import { parseSourceSpec, resolveSources } from './config'
import { assignSlugs, slugOf } from './discover'
import { buildElasticRule } from './elastic-rule'
import { elasticPage, markdownToMdx, sigmaPage } from './import-page'
import { renderMarkdown } from './markdown'
import { buildSigmaFile } from './sigma-file'

const shared = path.resolve(repoRoot, '../shared/corpus')
const elastic = (file: string) => path.join(shared, 'elastic/rules', file)
const fixtures = path.join(repoRoot, 'lib/catalog/sources/__fixtures__')
const scratch = mkdtempSync(path.join(tmpdir(), 'atlas-sources-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function elasticRule(file: string) {
  const built = await buildElasticRule(file, slugOf(path.basename(file)), readFileSync(elastic(file), 'utf8'))
  expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return built.detail!
}

describe('Elastic rules', () => {
  it('should keep what the DCOM/MMC rule page shows: EQL as written, schedule, ATT&CK from threat, the note as the guide', async () => {
    const rule = await elasticRule('windows/lateral_movement_dcom_mmc20.toml')
    expect(rule).toMatchObject({ id: '51ce96fb-9e52-4dad-b0ba-99b54440fc9a', severity: 'high', riskScore: 73, ruleType: 'eql', kind: 'native' })
    expect(rule.detection.text).toMatch(/^sequence by host\.id with maxspan=1m\n \[network where/)
    expect(rule.detection.html).toContain('<span class="hl-')
    expect(rule.schedule).toEqual({ interval: '5m', lookback: '9m', max_alerts: 100 })
    expect(rule.elastic).toMatchObject({ type: 'eql', language: 'eql', interval: '5m', lookback: '9m', additionalLookback: '4m', maturity: 'production' })
    expect(rule.techniques).toEqual(expect.arrayContaining(['T1021', 'T1021.003', 'T1218.014', 'T1559.001']))
    expect(rule.tactics).toEqual(expect.arrayContaining(['lateral-movement', 'defense-evasion', 'execution']))
    expect(rule.markdownGuide!.headings).toContainEqual({ depth: 3, text: 'Investigating Incoming DCOM Lateral Movement with MMC', slug: 'investigating-incoming-dcom-lateral-movement-with-mmc' })
    expect(rule.markdownGuide!.html).toContain('(Investigate in Timeline: <em>Alerts associated with the host</em>)')
    expect(rule.markdownGuide!.html).not.toContain('$investigate_')
    expect(rule.elastic!.setup!.html).toContain('<a href="https://ela.st/install-elastic-defend"')
  })

  it('should show a threshold, new terms, machine learning and indicator match rule by what drives it', async () => {
    const threshold = await elasticRule('network/discovery_potential_syn_port_scan_detected.toml')
    expect(threshold.elastic!.threshold).toMatchObject({ field: ['destination.ip', 'source.ip'], value: 1 })
    const newTerms = await elasticRule('windows/command_and_control_new_terms_rmm_signer.toml')
    expect(newTerms.elastic!.newTerms!.fields.length).toBeGreaterThan(0)
    expect(newTerms.elastic!.newTerms!.historyWindow).toMatch(/^\d+[smhd]$/)
    const ml = await elasticRule('integrations/gcp/ml_gcp_rare_method_by_city.toml')
    expect(ml.elastic!.machineLearning).toEqual({ jobIds: ['gcp_audit_rare_method_for_a_city_ea'], anomalyThreshold: 50 })
    expect(ml.detection.text).toContain('gcp_audit_rare_method_for_a_city_ea')
    const match = await elasticRule('threat_intel/threat_intel_indicator_match_email.toml')
    expect(match.elastic!.threatMatch!.indices.length).toBeGreaterThan(0)
    expect(match.elastic!.threatMatch!.mappings[0]!.length).toBeGreaterThan(0)
  })

  it('should mark deprecated and building-block rules', async () => {
    const deprecated = await elasticRule('_deprecated/exfiltration_rds_snapshot_export.toml')
    expect(deprecated).toMatchObject({ deprecated: true, status: 'deprecated' })
    const file = path.join(shared, 'elastic/rules_building_block/privilege_escalation_sts_getsessiontoken_abuse.toml')
    const block = await buildElasticRule(file, 'bb', readFileSync(file, 'utf8'))
    expect(block.detail).toMatchObject({ buildingBlock: true })
  })

  it('should locate TOML syntax errors and schema errors in the file', async () => {
    for (const [name, expected] of [
      ['unclosed.toml', /^.*unclosed\.toml:\d+:\d+: error: Cannot parse the TOML: .* \[elastic-toml\]$/],
      ['bad_risk.toml', /^.*bad_risk\.toml:9:1: error: rule\.risk_score: .* \[elastic-schema\]$/],
    ] as const) {
      const file = path.join(fixtures, 'broken-sources/elastic', name)
      const built = await buildElasticRule(file, 'x', readFileSync(file, 'utf8'))
      expect(built.detail).toBeNull()
      expect(built.diagnostics.map(formatDiagnostic)).toContainEqual(expect.stringMatching(expected))
    }
  })
})

describe('markdown guides', () => {
  it('should drop raw HTML and unsafe links, and keep GFM tables', () => {
    const { html } = renderMarkdown('x <script>alert(1)</script> [a](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| a |\n|---|\n| 1 |\n')
    expect(html).not.toMatch(/<script|onerror|javascript:|<img/)
    expect(html).toContain('<table>')
  })
})

describe('plain Sigma files', () => {
  it('should build every target and locate problems in the .yml file itself', async () => {
    const file = path.join(shared, 'sigma/rules/windows/process_creation/proc_creation_win_mmc_mmc20_lateral_movement.yml')
    const built = await buildSigmaFile(file, 'mmc20', readFileSync(file, 'utf8'), targetSummaries())
    expect(built.detail).toMatchObject({ id: 'f1f3bf22-deb2-418d-8cce-e1a45e46a5bd', kind: 'sigma', origin: { type: 'sigma' } })
    expect(new Set(built.detail!.conversions.map((c) => c.target)).size).toBe(targetSummaries().length)
    expect(built.detail!.detection.text).toBe(readFileSync(file, 'utf8').trimEnd())

    const broken = path.join(fixtures, 'broken-sources/sigma/broken_condition.yml')
    const bad = await buildSigmaFile(broken, 'b', readFileSync(broken, 'utf8'), targetSummaries())
    expect(bad.detail).toBeNull()
    expect(bad.diagnostics.map(formatDiagnostic)).toContainEqual(expect.stringMatching(/broken_condition\.yml:11:\d+: error: .*missing/))
  })
})

describe('sources and overlays', () => {
  it('should read the sources from ATLAS_SOURCES-style lists and detect each tree type', () => {
    const sources = resolveSources({ env: 'sigma=lib/catalog/sources/__fixtures__/overlay/sigma:lib/catalog/sources/__fixtures__/broken-sources/elastic', root: repoRoot, cwd: repoRoot })
    expect(sources.map((s) => s.type)).toEqual(['sigma', 'elastic'])
    expect(parseSourceSpec('lib/catalog/sources/__fixtures__/overlay/sigma', repoRoot).type).toBe('sigma')
    expect(() => parseSourceSpec('lib/catalog/sources/__fixtures__/overlay/content/rules', repoRoot)).toThrow(/no \.yml or \.toml/)
  })

  it('should give imported rules unique slugs and leave content pages their file names', () => {
    const entries = [
      { type: 'sigma', baseSlug: 'a' },
      { type: 'content', baseSlug: 'a' },
      { type: 'elastic', baseSlug: 'a' },
      { type: 'elastic', baseSlug: 'a' },
    ] as never[]
    expect(assignSlugs(entries)).toEqual(['a-sigma', 'a', 'a-elastic', 'a-elastic-2'])
  })

  it('should lay a content page over the imported rule with its id: guide and metadata from the page, detection from the source', async () => {
    const result = await buildManifest({
      contentDir: path.join(fixtures, 'overlay/content'),
      sources: [{ type: 'sigma', path: path.join(fixtures, 'overlay/sigma') }],
      outDir: path.join(scratch, 'manifest'),
      workers: 0,
    })
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(result.stats.counts).toMatchObject({ content: 1, sigma: 1, overlaid: 1, pages: 1 })
    const page = JSON.parse(readFileSync(path.join(scratch, 'manifest/rules/cmd-from-mmc-annotated.json'), 'utf8'))
    expect(page).toMatchObject({ title: 'Command Shell Started by MMC (team copy)', severity: 'high', riskScore: 61, origin: { type: 'sigma', overlay: expect.stringContaining('cmd-from-mmc-annotated.mdx') } })
    expect(page.detection.text).toContain("Image|endswith: '\\cmd.exe'") // the source's detection, not the page's
    expect(page.guide.headings.map((h: { slug: string }) => h.slug)).toEqual(['triage', 'investigation-steps', 'false-positive-analysis', 'response-and-remediation'])
  })

  it('should lay a page without a detection over the imported rule with its id, keeping what the page leaves out', async () => {
    const result = await buildManifest({
      contentDir: path.join(fixtures, 'overlay-only/content'),
      sources: [{ type: 'sigma', path: path.join(fixtures, 'overlay/sigma') }],
      outDir: path.join(scratch, 'manifest-overlay-only'),
      workers: 0,
    })
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(result.stats.counts).toMatchObject({ content: 1, sigma: 1, overlaid: 1, pages: 1 })
    expect(result.index!.rules.map((r) => r.slug)).toEqual(['cmd-from-mmc-guide'])
    const page = JSON.parse(readFileSync(path.join(scratch, 'manifest-overlay-only/rules/cmd-from-mmc-guide.json'), 'utf8'))
    expect(page).toMatchObject({
      id: '0f8e1c55-2a3b-4c6d-8e9f-a0b1c2d3e4f5',
      title: 'Command Shell Started by MMC', // the source's: the page sets none
      description: 'A cmd.exe process whose parent is mmc.exe.',
      severity: 'high', // the page's, over the source's medium
      riskScore: 47,
      kind: 'sigma',
      tactics: ['execution'],
      techniques: ['T1059.003'],
      logsourceSlug: 'windows/process_creation',
      origin: { type: 'sigma', overlay: expect.stringContaining('cmd-from-mmc-guide.mdx') },
    })
    expect(page).not.toHaveProperty('overlayOnly')
    expect(page.detection.text).toContain("Image|endswith: '\\cmd.exe'")
    expect(page.conversions.some((c: { ok: boolean }) => c.ok)).toBe(true)
    expect(page.falsepositives).toContain('Administrators starting a shell from a console on a jump host')
    expect(page.guide.headings.map((h: { slug: string }) => h.slug)).toEqual(['triage', 'investigation-steps', 'false-positive-analysis', 'response-and-remediation'])
  })

  it('should fail on a page without a detection whose id no imported rule has, at the id', async () => {
    for (const sources of [[], [{ type: 'sigma' as const, path: path.join(fixtures, 'overlay/sigma') }]]) {
      const result = await buildManifest({ contentDir: path.join(fixtures, 'overlay-orphan/content'), sources, write: false, workers: 0 })
      expect(result.index).toBeNull()
      expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
        expect.stringMatching(
          /guide-without-rule\.mdx:2:5: error: No detection and no imported rule with id 6a1d4c0e-5b7f-4e2a-9c3d-8f0e1a2b3c4d: .* \[overlay-no-rule\]$/,
        ),
      ])
    }
  })

  it('should fail the build on a broken source rule and say where', async () => {
    const result = await buildManifest({
      contentDir: path.join(fixtures, 'overlay/content'),
      sources: [
        { type: 'sigma', path: path.join(fixtures, 'broken-sources/sigma') },
        { type: 'elastic', path: path.join(fixtures, 'broken-sources/elastic') },
      ],
      write: false,
      workers: 0,
    })
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
    expect(result.index).toBeNull()
    expect(errors).toContainEqual(expect.stringMatching(/broken_condition\.yml:11:/))
    expect(errors).toContainEqual(expect.stringMatching(/unclosed\.toml:/))
    expect(errors).toContainEqual(expect.stringMatching(/bad_risk\.toml:9:1:/))
  })
})

describe('atlas import', () => {
  it('should write a Sigma page whose detection is the file exactly', async () => {
    const file = path.join(shared, 'sigma/rules/windows/process_creation/proc_creation_win_mmc_mmc20_lateral_movement.yml')
    const text = readFileSync(file, 'utf8')
    const page = sigmaPage(text)
    expect(page.ok).toBe(true)
    const mdx = (page as { page: string }).page
    const frontmatter = parse(/^---\n([\s\S]*?)\n---/.exec(mdx)![1]!) as { sigma: string }
    expect(frontmatter.sigma.trimEnd()).toBe(text.trimEnd())
    const built = await buildRule('imported.mdx', 'imported', mdx, targetSummaries())
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(built.detail!.guide!.headings.map((h) => h.slug)).toContain('triage')
  })

  it('should write an Elastic page with the query exactly and the rule note as the guide', async () => {
    const text = readFileSync(elastic('windows/lateral_movement_dcom_mmc20.toml'), 'utf8')
    const page = elasticPage(text, 'imported.mdx')
    expect(page).toMatchObject({ ok: true, note: 'own' })
    const mdx = (page as { page: string }).page
    const built = await buildRule('imported.mdx', 'imported', mdx, targetSummaries())
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const rule = await buildElasticRule('x.toml', 'x', text)
    expect(built.detail!.detection.text).toBe(rule.detail!.detection.text)
    expect(built.detail).toMatchObject({ id: '51ce96fb-9e52-4dad-b0ba-99b54440fc9a', riskScore: 73, schedule: { interval: '5m', lookback: '9m' } })
    expect(built.detail!.techniques).toContain('T1021.003')
  })

  it('should refuse machine learning rules (no query to keep) with a reason, and escape MDX syntax outside code', () => {
    const ml = elasticPage(readFileSync(elastic('integrations/gcp/ml_gcp_rare_method_by_city.toml'), 'utf8'), 'x.mdx')
    expect(ml).toMatchObject({ ok: false, reason: expect.stringContaining('machine_learning') })
    expect(markdownToMdx('a {b} <c> `{d}`\n```\n{e}\n```')).toBe('a \\{b\\} \\<c> `{d}`\n```\n{e}\n```')
  })
})

describe('the rule cache', () => {
  it('should keep one folder per engine fingerprint and remove idle ones of other fingerprints', async () => {
    const { fingerprintCacheDir } = await import('./cache-dir')
    const { mkdirSync, existsSync, utimesSync } = await import('node:fs')
    const root = path.join(scratch, 'cache-root')
    const old = path.join(root, 'aaaaaaaaaaaaaaaa')
    const busy = path.join(root, 'bbbbbbbbbbbbbbbb')
    mkdirSync(old, { recursive: true })
    mkdirSync(busy, { recursive: true })
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000)
    utimesSync(old, hourAgo, hourAgo)
    const dir = fingerprintCacheDir(root, 'c'.repeat(64))
    expect(dir).toBe(path.join(root, 'cccccccccccccccc'))
    expect(existsSync(old)).toBe(false)
    expect(existsSync(busy)).toBe(true)
  })
})
