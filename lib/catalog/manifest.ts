import 'server-only'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ManifestIndex, RuleDetail, RuleSummary, TechniqueSummary } from './manifest-types'
import { manifestDir } from './paths'

export type * from './manifest-types'

let index: ManifestIndex | undefined

/** The manifest index that `scripts/build-manifest.ts` wrote; pages read nothing else for lists. */
export function getIndex(): ManifestIndex {
  if (index) return index
  const file = path.join(manifestDir(), 'index.json')
  try {
    index = JSON.parse(readFileSync(file, 'utf8')) as ManifestIndex
  } catch (cause) {
    throw new Error(`The catalog manifest is missing (${file}): run \`npm run build\` (or \`npm run manifest\`) first`, {
      cause,
    })
  }
  return index
}

/** One rule page's data. */
export function getRule(slug: string): RuleDetail | null {
  try {
    return JSON.parse(readFileSync(path.join(manifestDir(), 'rules', `${slug}.json`), 'utf8')) as RuleDetail
  } catch {
    return null
  }
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'informational']

/** Most severe first, then by title: the order a SOC reads a list of rules in. */
export function bySeverity(rules: readonly RuleSummary[]): RuleSummary[] {
  return [...rules].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.title.localeCompare(b.title, 'en'),
  )
}

/** The summaries of some rules, most severe first. */
export function getRuleSummaries(slugs: readonly string[]): RuleSummary[] {
  const wanted = new Set(slugs)
  return bySeverity(getIndex().rules.filter((r) => wanted.has(r.slug)))
}

export function getTechnique(id: string): TechniqueSummary | null {
  return getIndex().techniques[id] ?? null
}
