import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Diagnostic } from '../sigma/diagnostics'
import { buildRule, type BuiltRule } from './build-rule'
import { formatLabel, pipelineLabel, targets as engineTargets } from './engine'
import { buildIndex } from './build-index'
import type { ManifestIndex, RuleDetail, TargetSummary } from './manifest-types'
import { contentDir, manifestDir, repoRoot, ruleCacheDir } from './paths'

export interface ManifestResult {
  readonly diagnostics: Diagnostic[]
  readonly index: ManifestIndex | null
  readonly stats: { rules: number; cached: number; ms: number }
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
export async function buildManifest(options: { contentDir?: string; outDir?: string; write?: boolean } = {}): Promise<ManifestResult> {
  const started = Date.now()
  const root = options.contentDir ?? contentDir()
  const rulesDir = path.join(root, 'rules')
  const diagnostics: Diagnostic[] = []
  const targets = targetSummaries()
  const fingerprint = engineFingerprint(targets)
  const cacheDir = ruleCacheDir()
  mkdirSync(cacheDir, { recursive: true })

  const files = existsSync(rulesDir) ? readdirSync(rulesDir).filter((f) => /\.mdx?$/.test(f)).sort() : []
  if (!files.length)
    diagnostics.push({
      severity: 'error',
      code: 'content-empty',
      message: `No rule pages found: expected ${path.relative(process.cwd(), rulesDir) || rulesDir}/<slug>.mdx`,
      location: { file: path.relative(process.cwd(), rulesDir), start: { line: 1, column: 1, offset: 0 } },
    })

  const built: BuiltRule[] = []
  let cached = 0
  for (const name of files) {
    const absolute = path.join(rulesDir, name)
    const display = path.relative(process.cwd(), absolute)
    const slug = name.replace(/\.mdx?$/, '')
    const text = readFileSync(absolute, 'utf8')
    const key = createHash('sha256').update(fingerprint).update('\0').update(display).update('\0').update(text).digest('hex')
    const cacheFile = path.join(cacheDir, `${key}.json`)
    let rule: BuiltRule
    if (existsSync(cacheFile)) {
      rule = JSON.parse(readFileSync(cacheFile, 'utf8')) as BuiltRule
      cached++
    } else {
      rule = await buildRule(display, slug, text, targets)
      writeFileSync(cacheFile, JSON.stringify(rule))
    }
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug))
      diagnostics.push({
        severity: 'error',
        code: 'content-slug',
        message: `The file name \`${name}\` is the page's URL: use lower-case letters, digits and hyphens`,
        location: { file: display, start: { line: 1, column: 1, offset: 0 } },
      })
    diagnostics.push(...rule.diagnostics)
    built.push(rule)
  }

  const byId = new Map<string, BuiltRule>()
  for (const rule of built) {
    if (!rule.detail) continue
    const first = byId.get(rule.detail.id)
    if (first?.detail) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-rule-id',
        message: `Duplicate rule id ${rule.detail.id}: ${first.detail.file} already uses it (ids must be unique so /r/<id>/ links are stable)`,
        location: rule.idLocation ?? { file: rule.detail.file, start: { line: 1, column: 1, offset: 0 } },
      })
    } else byId.set(rule.detail.id, rule)
  }

  const failed = diagnostics.some((d) => d.severity === 'error')
  const details = built.flatMap((r) => (r.detail ? [r.detail] : []))
  const index = failed ? null : buildIndex(details, targets)
  if (index && options.write !== false) writeManifest(options.outDir ?? manifestDir(), index, details)
  return { diagnostics: sortDiagnostics(diagnostics), index, stats: { rules: files.length, cached, ms: Date.now() - started } }
}

function writeManifest(dir: string, index: ManifestIndex, details: readonly RuleDetail[]): void {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(path.join(dir, 'rules'), { recursive: true })
  for (const detail of details) writeFileSync(path.join(dir, 'rules', `${detail.slug}.json`), JSON.stringify(detail))
  writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index))
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
