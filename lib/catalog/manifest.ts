import 'server-only'
import { readIndex, readRule } from './manifest-files'
import type { ManifestIndex, RuleDetail, RuleSummary, TechniqueSummary } from './manifest-types'

export type * from './manifest-types'

let index: ManifestIndex | undefined

/** The manifest index that `scripts/build-manifest.ts` wrote; pages read nothing else for lists. */
export function getIndex(): ManifestIndex {
  index ??= readIndex()
  return index
}

/** One rule page's data. */
export const getRule = (slug: string): RuleDetail | null => readRule(slug)

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
