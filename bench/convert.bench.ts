/**
 * npm run bench:convert — the whole SigmaHQ corpus × every target, YAML
 * parsing included: rules per second per target, the total, and peak memory.
 * Two passes: the first cold (what one `atlas convert` run costs, JIT warm-up
 * included), the second warm. Prints figures only; nothing here asserts a timing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { convert, targets } from '../lib/backends'
import { parseSigma } from '../lib/sigma'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const corpus = path.resolve(repoRoot, '../shared/corpus/sigma/rules')

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith('.yml') ? [path.join(dir, entry.name)] : []))
    .sort()
}

const files = walk(corpus).map((file) => ({ file: path.relative(repoRoot, file), text: readFileSync(file, 'utf8') }))
let peak = 0
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss))

function pass(label: string): void {
  const started = performance.now()
  const parsed = files.map(({ file, text }) => parseSigma(text, file))
  const parseMs = performance.now() - started
  sample()
  const rules = parsed.reduce((n, c) => n + c.documents.length, 0)
  console.log(`\n${label}: ${files.length} files, ${rules} documents; parse ${parseMs.toFixed(0)} ms (${Math.round(rules / (parseMs / 1000))} rules/s)`)
  console.log('target       converted  unsupported  convert ms  rules/s convert  rules/s parse+convert')
  let convertTotal = 0
  for (const target of targets) {
    const t0 = performance.now()
    let ok = 0
    for (const collection of parsed) for (const document of collection.documents) if (convert(document, collection, { target: target.id }).ok) ok++
    const ms = performance.now() - t0
    convertTotal += ms
    sample()
    const row = [target.id.padEnd(12), String(ok).padStart(9), String(rules - ok).padStart(12), ms.toFixed(0).padStart(11)]
    console.log(`${row.join(' ')}  ${String(Math.round(rules / (ms / 1000))).padStart(15)}  ${String(Math.round(rules / ((ms + parseMs) / 1000))).padStart(21)}`)
  }
  console.log(`${label} total: parse once + ${targets.length} targets = ${(parseMs + convertTotal).toFixed(0)} ms (convert alone ${convertTotal.toFixed(0)} ms)`)
}

pass('cold pass')
pass('warm pass')
console.log(`\npeak RSS ${(peak / 1024 / 1024).toFixed(0)} MiB (pySigma: ~350-400 rules/s per target, parsing included)`)
