/**
 * `npm run dev`: the author preview. Builds the manifest, starts `next dev`, and
 * rebuilds the manifest whenever a file of `content/rules` changes — in this
 * process, so the engine and highlighter are warm and the content-hash cache
 * redoes only the changed rule. A reload of the page then shows the edit.
 * Problems are printed as `file:line:col: error: …`, and the last good manifest stays.
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, watch } from 'node:fs'
import path from 'node:path'
import { buildManifest, targetSummaries } from '../lib/catalog/build-manifest'
import { buildRule } from '../lib/catalog/build-rule'
import { contentDir, repoRoot } from '../lib/catalog/paths'
import { resolveSources } from '../lib/catalog/sources/config'
import { formatDiagnostic } from '../lib/sigma/diagnostics'
import { bundleBehaviours } from './bundle-behaviours'

const sources = resolveSources({ env: process.env.ATLAS_SOURCES, root: repoRoot })

async function rebuild(reason: string): Promise<void> {
  const started = Date.now()
  const result = await buildManifest({ sources, workers: 0 })
  const errors = result.diagnostics.filter((d) => d.severity === 'error')
  for (const d of errors) console.error(formatDiagnostic(d))
  // A new manifest folder replaced the old one: record the behaviours script in it again.
  if (!errors.length) await bundleBehaviours()
  console.log(
    errors.length
      ? `✗ ${reason}: ${errors.length} error(s); the preview keeps the last good manifest`
      : `✓ ${reason}: manifest rebuilt in ${Date.now() - started} ms (${result.stats.rules - result.stats.cached} rule(s) rebuilt): reload the page`,
  )
}

await rebuild('start')
// Build one page now, uncached (every grammar, target and the MDX compiler warm up), so that the
// first edit is as quick as the next ones.
const pages = readdirSync(path.join(contentDir(), 'rules')).filter((f) => f.endsWith('.mdx'))
const texts = pages.map((f) => readFileSync(path.join(contentDir(), 'rules', f), 'utf8'))
const warm = texts.find((t) => /^sigma:/m.test(t)) ?? texts[0]
if (warm) await buildRule('warm-up.mdx', 'warm-up', warm, targetSummaries())
const next = spawn(path.join(repoRoot, 'node_modules/.bin/next'), ['dev', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
})
next.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => next.kill(signal))

let timer: NodeJS.Timeout | undefined
let running = Promise.resolve()
const changed = new Set<string>()
watch(path.join(contentDir(), 'rules'), (_event, file) => {
  if (file) changed.add(file)
  clearTimeout(timer)
  timer = setTimeout(() => {
    const files = [...changed].join(', ')
    changed.clear()
    running = running.then(() => rebuild(`changed ${files}`)).catch((error: unknown) => console.error(error))
  }, 50)
})
