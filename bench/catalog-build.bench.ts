/**
 * The catalog build at corpus scale (issue 7): `npm run bench:site -- --build`
 * runs it first (it rebuilds `out/`), or alone: `node --import tsx bench/catalog-build.bench.ts`.
 * With ATLAS_SOURCES (default: the SigmaHQ and Elastic trees in ../shared) prints
 *   - cold build: prebuild (rule cache emptied) and `next build`, wall time and peak memory of each;
 *   - second build after changing one content rule (the cache redoes only that rule);
 *   - out/ size and file count;
 *   - gzip JavaScript of rule pages (scripts they load, and their inline payload).
 * Goals: cold build < 120 s (stretch 60 s); second build < half the first.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Row, Section } from './site.bench'
import { buildCacheDir } from '../lib/catalog/paths'

const root = path.resolve(import.meta.dirname, '..')
const CORPORA = '../shared/corpus/sigma/rules:../shared/corpus/elastic/rules:../shared/corpus/elastic/rules_building_block'

interface Step {
  readonly seconds: number
  /** Peak resident memory of the largest process of the step, in MB. */
  readonly peakMb: number
  readonly output: string
}

/** Runs a command under GNU time: wall seconds and the peak RSS of its largest process. */
function step(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Step {
  const started = Date.now()
  const result = spawnSync('/usr/bin/time', ['-f', '@@peak %M', command, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 })
  const seconds = (Date.now() - started) / 1000
  const output = `${result.stdout}\n${result.stderr}`
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${output.slice(-4000)}`)
  const peakKb = Number(/@@peak (\d+)/.exec(result.stderr)?.[1] ?? 0)
  return { seconds, peakMb: Math.round(peakKb / 1024), output }
}

/** The commands of `npm run build` (package.json), each run and measured on its own. */
function buildCommands(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { build: string } }
  return pkg.scripts.build.split('&&').map((c) => c.trim())
}

/** The whole `npm run build`, step by step (so each gets its time and memory), named by its script. */
function build(env: NodeJS.ProcessEnv) {
  const binEnv = { ...env, PATH: `${path.join(root, 'node_modules/.bin')}:${env.PATH ?? ''}` }
  const steps = buildCommands().map((command) => ({
    name: /scripts\/([\w-]+)/.exec(command)?.[1] ?? command.replace(/^\S+=\S+\s+/, ''),
    ...step('sh', ['-c', command], binEnv),
  }))
  const prebuild = steps[0]!
  return { steps, prebuild, seconds: steps.reduce((sum, s) => sum + s.seconds, 0) }
}

const stepTimes = (b: ReturnType<typeof build>) => b.steps.map((s) => `${s.name} ${s.seconds.toFixed(1)} s`).join(', ')

function walk(dir: string): { bytes: number; files: number } {
  let bytes = 0
  let files = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      const sub = walk(full)
      bytes += sub.bytes
      files += sub.files
    } else {
      bytes += statSync(full).size
      files++
    }
  }
  return { bytes, files }
}

/** gzip bytes of the scripts a page loads (each file once) and of its inline scripts. */
function pageJs(out: string, slug: string): { files: number; inline: number } {
  const html = readFileSync(path.join(out, 'rules', slug, 'index.html'), 'utf8')
  let files = 0
  for (const src of new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!))) {
    const file = path.join(out, src.split('?')[0]!)
    if (existsSync(file)) files += gzipSync(readFileSync(file)).length
  }
  const inline = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('')
  return { files, inline: gzipSync(inline).length }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

export function catalogBuildSection(): Section {
  return {
    title: 'catalog build (content + rule repositories)',
    async run(): Promise<Row[]> {
      const env: NodeJS.ProcessEnv = { ...process.env, ATLAS_SOURCES: process.env.ATLAS_SOURCES ?? CORPORA }
      for (const cache of [env.ATLAS_CACHE_DIR ?? '.cache/atlas/rules', ...(['pages', 'csp', 'link-scans'] as const).map(buildCacheDir)])
        rmSync(path.resolve(root, cache), { recursive: true, force: true })
      rmSync(path.join(root, '.next'), { recursive: true, force: true })
      const cold = build(env)
      const counts = /✓ manifest: (\d+) rules \(([^)]*)\)/.exec(cold.prebuild.output)

      const rulesDir = path.join(root, 'content', 'rules')
      const touched = path.join(rulesDir, readdirSync(rulesDir).filter((f) => f.endsWith('.mdx')).sort()[0]!)
      const original = readFileSync(touched, 'utf8')
      let second: ReturnType<typeof build>
      try {
        writeFileSync(touched, `${original.trimEnd()}\n\nChanged by the build benchmark.\n`)
        second = build(env)
      } finally {
        writeFileSync(touched, original)
      }
      const rebuilt = /(\d+) from cache/.exec(second.prebuild.output)?.[1]

      const out = path.join(root, 'out')
      const size = walk(out)
      const index = JSON.parse(readFileSync(path.resolve(root, env.ATLAS_MANIFEST_DIR ?? '.cache/atlas/manifest', 'index.json'), 'utf8')) as {
        rules: { slug: string; kind: string }[]
      }
      const samples = [index.rules.find((r) => r.kind === 'sigma'), index.rules.find((r) => r.kind === 'native'), index.rules[0]].flatMap(
        (r) => (r ? [r.slug] : []),
      )
      const js = samples.map((slug) => ({ slug, ...pageJs(out, slug) }))
      const worst = Math.max(...js.map((j) => j.files))
      return [
        { label: 'rules', value: counts ? `${counts[1]} (${counts[2]})` : '?' },
        {
          label: 'cold build, wall',
          value: `${cold.seconds.toFixed(1)} s (${stepTimes(cold)})`,
          goal: '< 120 s (stretch 60 s)',
          ok: cold.seconds < 120,
        },
        { label: 'cold build, peak memory (largest process)', value: cold.steps.map((s) => `${s.name} ${s.peakMb} MB`).join(', ') },
        {
          label: `second build, one content rule changed (${rebuilt ?? '?'} rules from cache)`,
          value: `${second.seconds.toFixed(1)} s (${stepTimes(second)})`,
          goal: '< half the cold build',
          ok: second.seconds < cold.seconds / 2,
        },
        { label: 'out/', value: `${mb(size.bytes)} in ${size.files} files` },
        {
          label: 'rule page JS, gzip (script files; inline payload)',
          value: js.map((j) => `${j.slug}: ${kb(j.files)}; ${kb(j.inline)}`).join(' · '),
          goal: '≤ 120 KB',
          ok: worst <= 120 * 1024,
        },
      ]
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = catalogBuildSection()
  const rows = await section.run()
  console.log(`\n${section.title}`)
  const width = Math.max(...rows.map((r) => r.label.length))
  for (const r of rows) console.log(`  ${r.label.padEnd(width)}  ${r.value}${r.goal ? `   goal ${r.goal}: ${r.ok ? 'met' : 'MISSED'}` : ''}`)
}
