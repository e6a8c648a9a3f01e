import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, linkSync, readFileSync, writeFileSync } from 'node:fs'
import type { Diagnostic } from '../../sigma/diagnostics'
import type { Location } from '../../sigma/position'
import { insideDir } from '../inside-dir'
import type { RuleDetail, TargetSummary } from '../manifest-types'
import { cacheFiles, lighten, type BuildJob, type BuildRecord } from './build-one'
import { assignSlugs, discover, type SourceEntry } from './discover'
import { overlay } from './overlay'
import { runJobs } from './pool'
import { ruleFileProblem } from './rule-file'
import type { RuleSource, SourceType } from './types'

/** One page of the catalog, as the prebuild keeps it in memory. */
export interface CatalogRule {
  readonly slug: string
  /** The cache entry that holds the page's full detail (null: written from `full`). */
  readonly key: string | null
  readonly light: RuleDetail
  /** An overlaid rule's merged detail (its page is written from it). */
  readonly full?: RuleDetail
  readonly idLocation: Location | null
  readonly entry: SourceEntry
}

export interface CatalogRules {
  readonly rules: CatalogRule[]
  readonly diagnostics: Diagnostic[]
  /** Rule files per source type, and how many imported rules a content page overlays. */
  readonly counts: Record<SourceType, number> & { overlaid: number }
  readonly cached: number
  readonly built: number
}

const readDetail = (cacheDir: string, key: string) => JSON.parse(readFileSync(cacheFiles(cacheDir, key).detail, 'utf8')) as RuleDetail

/**
 * Every rule file of `content/` and the configured sources → the catalog's pages:
 * reuses cached results (by content hash and the engine's fingerprint), builds the
 * rest on worker threads, and lays content pages over imported rules with the same id.
 * Every problem is a diagnostic; a rule file with an error has no page (the build then fails).
 */
export async function buildCatalogRules(options: {
  contentRulesDir: string
  sources: readonly RuleSource[]
  targets: readonly TargetSummary[]
  fingerprint: string
  cacheDir: string
  workers?: number
  log?: (line: string) => void
}): Promise<CatalogRules> {
  const entries = [
    ...(existsSync(options.contentRulesDir) ? discover({ type: 'content', path: options.contentRulesDir }) : []),
    ...options.sources.flatMap((s) => discover(s)),
  ]
  const slugs = assignSlugs(entries)
  // A file over the size limit, a link or a device is never read: its record is the error (and it is not cached).
  const unread = new Map<number, BuildRecord>()
  const jobs: BuildJob[] = entries.map((entry, i) => {
    const problem = ruleFileProblem(entry.absolute, entry.display, { follow: false })
    if (problem) unread.set(i, { key: '', diagnostics: [problem], idLocation: null, light: null })
    const text = problem ? '' : readFileSync(entry.absolute, 'utf8')
    const key = createHash('sha256')
      .update(options.fingerprint)
      .update(`\0${entry.type}\0${entry.display}\0${slugs[i]}\0`)
      .update(text)
      .digest('hex')
    return { type: entry.type, display: entry.display, slug: slugs[i]!, text, key }
  })

  const records = new Array<BuildRecord>(jobs.length)
  const missing: number[] = []
  jobs.forEach((job, i) => {
    const meta = cacheFiles(options.cacheDir, job.key).meta
    if (unread.has(i)) records[i] = unread.get(i)!
    else if (existsSync(meta)) records[i] = JSON.parse(readFileSync(meta, 'utf8')) as BuildRecord
    else missing.push(i)
  })
  if (missing.length) {
    const started = Date.now()
    let done = 0
    const built = await runJobs(
      missing.map((i) => jobs[i]!),
      options.targets,
      options.cacheDir,
      options.workers,
      () => {
        if (++done % 500 === 0) options.log?.(`  built ${done}/${missing.length} rules (${Math.round((Date.now() - started) / 1000)} s)`)
      },
    )
    missing.forEach((i, n) => (records[i] = built[n]!))
  }

  const diagnostics: Diagnostic[] = records.flatMap((r) => r.diagnostics)
  const counts = { content: 0, sigma: 0, elastic: 0, overlaid: 0 }
  for (const entry of entries) counts[entry.type]++

  // Content pages whose id an imported rule has: overlays, not duplicates.
  const importedById = new Map<string, number>()
  records.forEach((r, i) => {
    if (r.light && entries[i]!.type !== 'content' && !importedById.has(r.light.id)) importedById.set(r.light.id, i)
  })
  const overlaid = new Map<number, RuleDetail>()
  records.forEach((r, i) => {
    if (!r.light || entries[i]!.type !== 'content') return
    const target = importedById.get(r.light.id)
    if (target === undefined || overlaid.has(target)) {
      // A page without a detection has nothing to show on its own.
      if (r.light.overlayOnly)
        diagnostics.push({
          severity: 'error',
          code: 'overlay-no-rule',
          message:
            target === undefined
              ? `No detection and no imported rule with id ${r.light.id}: a page without \`sigma:\` or \`query:\` overlays the imported rule with its id (check the id and the configured sources)`
              : `No detection, and the imported rule with id ${r.light.id} is already overlaid by ${overlaid.get(target)!.origin?.overlay}`,
          location: r.idLocation ?? { file: entries[i]!.display, start: { line: 1, column: 1, offset: 0 } },
        })
      return
    }
    overlaid.set(target, overlay(readDetail(options.cacheDir, jobs[target]!.key), readDetail(options.cacheDir, jobs[i]!.key)))
    counts.overlaid++
  })

  // Rule repositories reuse each other's ids (a rule ported from Sigma to Elastic keeps it): both
  // rules keep their pages; the later source's id gets its type appended, so /r/<id>/ stays unique.
  const firstById = new Map<string, SourceType>()
  const renamed = new Map<number, RuleDetail>()
  records.forEach((r, i) => {
    const entry = entries[i]!
    if (!r.light || overlaid.has(i) || entry.type === 'content') return
    const first = firstById.get(r.light.id)
    if (first === undefined) firstById.set(r.light.id, entry.type)
    else if (first !== entry.type) {
      const id = `${r.light.id}-${entry.type}`
      diagnostics.push({
        severity: 'warning',
        code: 'rule-id-shared',
        message: `Rule id ${r.light.id} is also a ${first} rule's: this ${entry.type} rule keeps its page with the id ${id} (/r/${id}/)`,
        location: r.idLocation ?? { file: entry.display, start: { line: 1, column: 1, offset: 0 } },
      })
      renamed.set(i, { ...readDetail(options.cacheDir, jobs[i]!.key), id })
    }
  })

  const rules: CatalogRule[] = []
  records.forEach((r, i) => {
    if (!r.light) return
    const entry = entries[i]!
    if (entry.type === 'content' && importedById.has(r.light.id) && overlaid.get(importedById.get(r.light.id)!)?.origin?.overlay === entry.display)
      return // shown as the imported rule's page
    if (r.light.overlayOnly) return // reported above: no imported rule to lay it over
    const full = overlaid.get(i) ?? renamed.get(i)
    rules.push(
      full
        ? { slug: full.slug, key: null, light: lighten(full), full, idLocation: r.idLocation, entry }
        : { slug: r.light.slug, key: jobs[i]!.key, light: r.light, idLocation: r.idLocation, entry },
    )
  })
  return { rules, diagnostics, counts, cached: jobs.length - missing.length, built: missing.length }
}

/**
 * Write each page's detail to `rules/<slug>.json`: a hard link to its cache entry
 * (hundreds of MB at corpus scale, linked in a moment; a copy across devices), or the merged overlay.
 */
export function writeRuleFiles(rulesDir: string, rules: readonly CatalogRule[], cacheDir: string): void {
  for (const rule of rules) {
    const file = insideDir(rulesDir, `${rule.slug}.json`)
    if (rule.full) writeFileSync(file, JSON.stringify(rule.full))
    else {
      const cached = cacheFiles(cacheDir, rule.key!).detail
      try {
        linkSync(cached, file)
      } catch {
        copyFileSync(cached, file)
      }
    }
  }
}
