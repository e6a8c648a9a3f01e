import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ManifestIndex, RuleDetail } from './manifest-types'
import { manifestDir } from './paths'

/** Reads the manifest index that `scripts/build-manifest.ts` wrote (the site caches it in `manifest.ts`; build scripts call this). */
export function readIndex(): ManifestIndex {
  const file = path.join(manifestDir(), 'index.json')
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ManifestIndex
  } catch (cause) {
    throw new Error(`The catalog manifest is missing (${file}): run \`npm run build\` (or \`npm run manifest\`) first`, {
      cause,
    })
  }
}

/** One rule's manifest entry, or null when the manifest has no rule with that slug. */
export function readRule(slug: string): RuleDetail | null {
  try {
    return JSON.parse(readFileSync(path.join(manifestDir(), 'rules', `${slug}.json`), 'utf8')) as RuleDetail
  } catch {
    return null
  }
}

/** The site's built assets (scripts/bundle-behaviours.ts): the URL of its one script. */
export interface SiteAssets {
  readonly siteScript: string
}

export function writeAssets(assets: SiteAssets): void {
  mkdirSync(manifestDir(), { recursive: true })
  writeFileSync(path.join(manifestDir(), 'assets.json'), `${JSON.stringify(assets)}\n`)
}

export function readAssets(): SiteAssets {
  const file = path.join(manifestDir(), 'assets.json')
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SiteAssets
  } catch (cause) {
    throw new Error(`The site's assets are missing (${file}): run \`npm run build\` (or \`npm run manifest\`) first`, { cause })
  }
}

/** What a build was made from: its content folder and rule sources (so `npm start` can tell another catalog's build). */
export interface BuildInputs {
  readonly content: string
  readonly sources: readonly unknown[]
}

export function writeBuildInputs(inputs: BuildInputs): void {
  writeFileSync(path.join(manifestDir(), 'inputs.json'), `${JSON.stringify(inputs)}\n`)
}

export function readBuildInputs(): BuildInputs | null {
  try {
    return JSON.parse(readFileSync(path.join(manifestDir(), 'inputs.json'), 'utf8')) as BuildInputs
  } catch {
    return null
  }
}
