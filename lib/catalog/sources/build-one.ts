import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Diagnostic } from '../../sigma/diagnostics'
import { textTooLarge } from '../../sigma/limits'
import type { Location } from '../../sigma/position'
import { buildRule, NO_DETECTION, type BuiltRule } from '../build-rule'
import type { RuleDetail, TargetSummary } from '../manifest-types'
import { buildElasticRule } from './elastic-rule'
import { buildSigmaFile } from './sigma-file'
import type { SourceType } from './types'

/** One rule file to build: what the worker needs (plain data, so it crosses to a worker thread). */
export interface BuildJob {
  readonly type: SourceType
  readonly display: string
  readonly slug: string
  readonly text: string
  /** The content hash (with the engine's fingerprint): the cache entry's name. */
  readonly key: string
}

/**
 * What the main thread keeps of a built rule: its diagnostics and a light copy of
 * the detail (no queries, code or guide: those stay in the cache file, copied to the
 * manifest at the end), so a catalog of thousands of rules fits in memory.
 */
export interface BuildRecord {
  readonly key: string
  readonly diagnostics: Diagnostic[]
  readonly idLocation: Location | null
  readonly light: RuleDetail | null
}

/** `<key>.json`: the rule's manifest file; `<key>.meta.json`: its record. */
export const cacheFiles = (cacheDir: string, key: string) => ({
  detail: path.join(cacheDir, `${key}.json`),
  meta: path.join(cacheDir, `${key}.meta.json`),
})

/** The detail without what only its page shows. */
export function lighten(detail: RuleDetail): RuleDetail {
  const { markdownGuide: _guide, elastic: _elastic, ...rest } = detail
  return { ...rest, detection: NO_DETECTION, native: [], conversions: [], guide: null }
}

export async function buildJob(job: BuildJob, targets: readonly TargetSummary[]): Promise<BuiltRule> {
  // (The catalog checks the size with stat before reading; this guards every other caller.)
  const tooLarge = textTooLarge(job.display, job.text)
  if (tooLarge) return { detail: null, diagnostics: [tooLarge], idLocation: null }
  try {
    if (job.type === 'elastic') return await buildElasticRule(job.display, job.slug, job.text)
    if (job.type === 'sigma') return await buildSigmaFile(job.display, job.slug, job.text, targets)
    return await buildRule(job.display, job.slug, job.text, targets)
  } catch (cause) {
    // Builders report problems as diagnostics; a throw is a bug, still reported at the file, never a crash.
    return {
      detail: null,
      idLocation: null,
      diagnostics: [
        {
          severity: 'error',
          code: 'build-crashed',
          message: `Building this rule failed: ${(cause as Error).stack ?? String(cause)}`,
          location: { file: job.display, start: { line: 1, column: 1, offset: 0 } },
        },
      ],
    }
  }
}

/** Build one job and write its cache entry (only a rule without errors is cached as a manifest file). */
export async function buildAndCache(job: BuildJob, targets: readonly TargetSummary[], cacheDir: string): Promise<BuildRecord> {
  const built = await buildJob(job, targets)
  const record: BuildRecord = {
    key: job.key,
    diagnostics: built.diagnostics,
    idLocation: built.idLocation,
    light: built.detail ? lighten(built.detail) : null,
  }
  const files = cacheFiles(cacheDir, job.key)
  if (built.detail) writeFileSync(files.detail, JSON.stringify(built.detail))
  writeFileSync(files.meta, JSON.stringify(record))
  return record
}
