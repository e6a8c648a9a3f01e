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

export function getRuleSummaries(slugs: readonly string[]): RuleSummary[] {
  const bySlug = new Map(getIndex().rules.map((r) => [r.slug, r]))
  return slugs.flatMap((s) => bySlug.get(s) ?? [])
}

export function getTechnique(id: string): TechniqueSummary | null {
  return getIndex().techniques[id] ?? null
}
