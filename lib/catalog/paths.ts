import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (this file is lib/catalog/paths.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The content folder: `content/`, or `ATLAS_CONTENT_DIR` (the build-error fixtures use it). */
export function contentDir(): string {
  return path.resolve(repoRoot, process.env.ATLAS_CONTENT_DIR ?? 'content')
}

/** Where the prebuild writes the manifest that pages read: `.cache/atlas/manifest`, or `ATLAS_MANIFEST_DIR`. */
export function manifestDir(): string {
  return path.resolve(repoRoot, process.env.ATLAS_MANIFEST_DIR ?? '.cache/atlas/manifest')
}

/** Per-rule results, keyed by content hash, reused by the next build. */
export function ruleCacheDir(): string {
  return path.resolve(repoRoot, process.env.ATLAS_CACHE_DIR ?? '.cache/atlas/rules')
}

/**
 * A cache of the build's steps after the manifest (`pages`, `csp`, `link-scans`), each keyed by
 * content hash: `.cache/atlas/<name>`, or under `ATLAS_BUILD_CACHE` (a cold build points it at an empty folder).
 */
export function buildCacheDir(name: 'pages' | 'csp' | 'link-scans'): string {
  return path.resolve(repoRoot, process.env.ATLAS_BUILD_CACHE ?? '.cache/atlas', name)
}

/**
 * The site's public URL, for links that leave the site (the ATT&CK Navigator layer):
 * `ATLAS_SITE_URL`, else where `npm start` serves it.
 */
export function siteUrl(): string {
  return (process.env.ATLAS_SITE_URL ?? 'http://localhost:3000').replace(/\/$/, '')
}
