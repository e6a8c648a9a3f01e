/**
 * Loading and validating the whole SigmaHQ corpus: parseSigma on every file
 * plus resolveCollection over all of them. Files are read before timing.
 * Prints rules per second and peak memory. `npm run bench:sigma [-- --runs N]`
 */
import { readdirSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { parseSigma, resolveCollection } from '../lib/sigma'

const ROOT = path.resolve(import.meta.dirname, '..')
const RULES = path.resolve(ROOT, '../shared/corpus/sigma/rules')
const runsFlag = process.argv.indexOf('--runs')
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 5

const files = readdirSync(RULES, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({ file: f, text: readFileSync(path.join(RULES, f), 'utf8') }))

let peakRss = process.memoryUsage().rss
let peakHeap = process.memoryUsage().heapUsed
const sample = () => {
  const { rss, heapUsed } = process.memoryUsage()
  peakRss = Math.max(peakRss, rss)
  peakHeap = Math.max(peakHeap, heapUsed)
}

function run(): { ms: number; cpuMs: number; documents: number; errors: number } {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const collections = files.map(({ file, text }, i) => {
    if (i % 256 === 0) sample()
    return parseSigma(text, file)
  })
  const { collection } = resolveCollection(collections)
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  sample()
  return { ms, cpuMs: (used.user + used.system) / 1000, documents: collection.documents.length, errors: collection.diagnostics.filter((d) => d.severity === 'error').length }
}

const loadAverage = () => loadavg().map((l) => l.toFixed(1)).join(' ')
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const cold = run()
const times = [cold.ms]
const cpuTimes = [cold.cpuMs]
for (let i = 1; i < RUNS; i++) {
  const { ms, cpuMs } = run()
  times.push(ms)
  cpuTimes.push(cpuMs)
}
const medianCpu = [...cpuTimes].sort((a, b) => a - b)[Math.floor(cpuTimes.length / 2)]!
const sorted = [...times].sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)]!
const best = sorted[0]!

console.log(`sigma corpus: ${files.length} files, ${cold.documents} documents, ${cold.errors} errors`)
console.log(`first run (cold JIT): ${cold.ms.toFixed(0)} ms, ${Math.round((cold.documents / cold.ms) * 1000)} rules/s`)
console.log(`median of ${RUNS}:      ${median.toFixed(0)} ms, ${Math.round((cold.documents / median) * 1000)} rules/s (best ${best.toFixed(0)} ms)`)
console.log(`CPU time (user+system, this process): first ${cold.cpuMs.toFixed(0)} ms, median ${medianCpu.toFixed(0)} ms`)
console.log(`load average: ${loadAverage()}`)
console.log(`peak memory: rss ${mb(peakRss)}, heap ${mb(peakHeap)}`)
