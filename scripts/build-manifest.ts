/**
 * The prebuild step (`npm run build` runs it before `next build`): validates and
 * builds every rule of `content/` (or `ATLAS_CONTENT_DIR`) into the manifest the
 * pages read. Prints every problem as `file:line:col: error: message [code]` and
 * exits 1 if any is an error.
 */
import { buildManifest } from '../lib/catalog/build-manifest'
import { bundleBehaviours } from './bundle-behaviours'
import { writeBuildInputs } from '../lib/catalog/manifest-files'
import { contentDir, repoRoot } from '../lib/catalog/paths'
import { resolveSources } from '../lib/catalog/sources/config'
import { formatDiagnostic } from '../lib/sigma/diagnostics'

// Rule repositories besides content/: `--sources a:b`, else ATLAS_SOURCES, else atlas.config.json.
const flag = process.argv.indexOf('--sources')
const sources = resolveSources({ ...(flag > 0 ? { flag: process.argv[flag + 1] ?? '' } : {}), env: process.env.ATLAS_SOURCES, root: repoRoot })
const result = await buildManifest({ sources })
for (const d of result.diagnostics) console.error(formatDiagnostic(d))
const errors = result.diagnostics.filter((d) => d.severity === 'error').length
const warnings = result.diagnostics.length - errors
const { rules, cached, ms } = result.stats
if (errors) {
  console.error(`\n✗ manifest: ${errors} error(s), ${warnings} warning(s) in ${rules} rule file(s); nothing written`)
  process.exit(1)
}
const byCode = new Map<string, number>()
for (const d of result.diagnostics) if (d.severity === 'warning') byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1)
if (byCode.size > 1) console.log(`warnings by code: ${[...byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`)
const counts = result.stats.counts
const from = counts ? ` (content ${counts.content}, sigma ${counts.sigma}, elastic ${counts.elastic}, ${counts.overlaid} overlaid)` : ''
console.log(
  `✓ manifest: ${rules} rules${from}, ${cached} from cache, ${result.index?.targets.length ?? 0} targets, ${warnings} warning(s), ${ms} ms`,
)
writeBuildInputs({ content: contentDir(), sources })
console.log(`✓ site script: ${await bundleBehaviours()}`)
