/**
 * Bundles components/behaviours (the site's one framework-free script) into
 * `public/assets/site.<hash>.js` — Next copies `public/` into the export — and records
 * its URL in the manifest (`assets.json`), where the layout and the rule-page renderer
 * read it. Named by content hash, so a reader's cache never pairs new pages with an old script.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { writeAssets } from '../lib/catalog/manifest-files'
import { repoRoot } from '../lib/catalog/paths'

export async function bundleBehaviours(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'components/behaviours/site.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    legalComments: 'none',
  })
  const code = result.outputFiles[0]!.contents
  const name = `site.${createHash('sha256').update(code).digest('hex').slice(0, 12)}.js`
  const dir = path.join(repoRoot, 'public/assets')
  mkdirSync(dir, { recursive: true })
  for (const stale of readdirSync(dir)) if (/^site\.[0-9a-f]+\.js$/.test(stale) && stale !== name) rmSync(path.join(dir, stale))
  writeFileSync(path.join(dir, name), code)
  const url = `/assets/${name}`
  writeAssets({ siteScript: url })
  return url
}
