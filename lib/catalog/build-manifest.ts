import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Diagnostic } from '../sigma/diagnostics'
import { formatLabel, pipelineLabel, targets as engineTargets } from './engine'
import { buildIndex } from './build-index'
import type { ManifestIndex, TargetSummary } from './manifest-types'
import { contentDir, manifestDir, repoRoot, ruleCacheDir } from './paths'
import { fingerprintCacheDir } from './sources/cache-dir'
import { buildCatalogRules, writeRuleFiles, type CatalogRule } from './sources/catalog-rules'
import { resolveSources } from './sources/config'
import { idProblem, slugProblem } from './sources/discover'
import type { RuleSource } from './sources/types'

export interface ManifestResult {
  readonly diagnostics: Diagnostic[]
  readonly index: ManifestIndex | null
  readonly stats: { rules: number; cached: number; ms: number; counts?: Record<string, number> }
}

/** The targets as plain data: `{ id, label, language, pipelines, formats }`. */
export function targetSummaries(): TargetSummary[] {
  return engineTargets.map((t) => ({
    id: t.id,
    label: t.label,
    language: t.language,
    pipelines: t.pipelines.map((id) => ({ id, label: pipelineLabel(id) })),
    formats: t.formats.map((id) => ({ id, label: formatLabel(id) })),
  }))
}

/**
 * The prebuild step: build every rule of the content folder (reusing cached
 * results for unchanged files), check ids across rules, and write the manifest:
 * `index.json` for lists and the matrix, `rules/<slug>.json` per rule page.
 * Writes nothing when there is an error; returns every diagnostic.
 */
export async function buildManifest(
  options: { contentDir?: string; outDir?: string; write?: boolean; sources?: readonly RuleSource[]; workers?: number } = {},
): Promise<ManifestResult> {
  const started = Date.now()
  const root = options.contentDir ?? contentDir()
  const rulesDir = path.join(root, 'rules')
  const diagnostics: Diagnostic[] = []
  const targets = targetSummaries()
  const fingerprint = engineFingerprint(targets)
  const cacheDir = fingerprintCacheDir(ruleCacheDir(), fingerprint)

  const sources = options.sources ?? resolveSources({ env: process.env.ATLAS_SOURCES, root: repoRoot })
  const files = existsSync(rulesDir) ? readdirSync(rulesDir).filter((f) => /\.mdx?$/.test(f)).sort() : []
  if (!files.length && !sources.length)
    diagnostics.push({
      severity: 'error',
      code: 'content-empty',
      message: `No rule pages found: expected ${path.relative(process.cwd(), rulesDir) || rulesDir}/<slug>.mdx`,
      location: { file: path.relative(process.cwd(), rulesDir), start: { line: 1, column: 1, offset: 0 } },
    })
  for (const name of files) {
    const problem = slugProblem(name.replace(/\.mdx?$/, ''))
    if (problem)
      diagnostics.push({
        severity: 'error',
        code: 'content-slug',
        message: `The file name \`${name}\` is the page's URL: ${problem}`,
        location: { file: path.relative(process.cwd(), path.join(rulesDir, name)), start: { line: 1, column: 1, offset: 0 } },
      })
  }

  const catalog = await buildCatalogRules({
    contentRulesDir: rulesDir,
    sources,
    targets,
    fingerprint,
    cacheDir,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    log: (line) => console.log(line),
  })
  diagnostics.push(...catalog.diagnostics)
  const cached = catalog.cached

  const byId = new Map<string, CatalogRule>()
  for (const rule of catalog.rules) {
    // Content file names are checked above; imported slugs are safe by construction (`slugOf`, `assignSlugs`): checked anyway.
    const badSlug = rule.entry.type === 'content' ? undefined : slugProblem(rule.slug)
    if (badSlug)
      diagnostics.push({
        severity: 'error',
        code: 'unsafe-slug',
        message: `The page slug \`${rule.slug}\` made from this file's name is not safe: ${badSlug}`,
        location: { file: rule.entry.display, start: { line: 1, column: 1, offset: 0 } },
      })
    const unsafe = idProblem(rule.light.id)
    if (unsafe)
      diagnostics.push({
        severity: 'error',
        code: 'unsafe-rule-id',
        message: `The rule id \`${rule.light.id.replace(/[\0-\x1f]/g, '?')}\` cannot be a stable link: ${unsafe}`,
        location: rule.idLocation ?? { file: rule.light.file, start: { line: 1, column: 1, offset: 0 } },
      })
    const first = byId.get(rule.light.id)
    if (first) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-rule-id',
        message: `Duplicate rule id ${rule.light.id}: ${first.light.file} already uses it (ids must be unique so /r/<id>/ links are stable)`,
        location: rule.idLocation ?? { file: rule.light.file, start: { line: 1, column: 1, offset: 0 } },
      })
    } else byId.set(rule.light.id, rule)
  }
  // Every rule file has a page (or is laid over one): a build that would drop a rule fails.
  const pages = catalog.counts.content + catalog.counts.sigma + catalog.counts.elastic - catalog.counts.overlaid
  if (!diagnostics.some((d) => d.severity === 'error') && catalog.rules.length !== pages)
    diagnostics.push({
      severity: 'error',
      code: 'rules-dropped',
      message: `${catalog.rules.length} pages for ${pages} rules (${JSON.stringify(catalog.counts)}): a rule was dropped`,
      location: { file: path.relative(process.cwd(), rulesDir), start: { line: 1, column: 1, offset: 0 } },
    })

  const failed = diagnostics.some((d) => d.severity === 'error')
  const index = failed ? null : buildIndex(catalog.rules.map((r) => r.light), targets)
  const counts = { ...catalog.counts, pages: catalog.rules.length }
  if (index && options.write !== false) writeManifest(options.outDir ?? manifestDir(), index, catalog.rules, cacheDir, counts)
  return {
    diagnostics: sortDiagnostics(diagnostics),
    index,
    stats: { rules: catalog.rules.length, cached, ms: Date.now() - started, counts },
  }
}

/** Written beside the old manifest, then swapped in: a running `next dev` never reads a half-written one. */
function writeManifest(dir: string, index: ManifestIndex, rules: readonly CatalogRule[], cacheDir: string, counts: object): void {
  const fresh = `${dir}.new`
  const old = `${dir}.old`
  rmSync(fresh, { recursive: true, force: true })
  mkdirSync(path.join(fresh, 'rules'), { recursive: true })
  writeRuleFiles(path.join(fresh, 'rules'), rules, cacheDir)
  writeFileSync(path.join(fresh, 'index.json'), JSON.stringify(index))
  writeFileSync(path.join(fresh, 'counts.json'), JSON.stringify(counts))
  rmSync(old, { recursive: true, force: true })
  if (existsSync(dir)) renameSync(dir, old)
  renameSync(fresh, dir)
  rmSync(old, { recursive: true, force: true })
}

/**
 * Changes whenever the code that builds a rule changes (the engine, backends,
 * ATT&CK data, this catalog code) or the set of targets does: cached rules are then rebuilt.
 */
function engineFingerprint(targets: readonly TargetSummary[]): string {
  const hash = createHash('sha256').update(JSON.stringify(targets))
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === '__fixtures__' || entry.name === 'node_modules') continue
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        const stat = statSync(full)
        hash.update(`${full}:${stat.size}:${stat.mtimeMs}\n`)
      }
    }
  }
  for (const part of ['sigma', 'pipelines', 'backends', 'attack', 'catalog']) walk(path.join(repoRoot, 'lib', part))
  return hash.digest('hex')
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      a.location.start.line - b.location.start.line ||
      a.location.start.column - b.location.start.column,
  )
}
