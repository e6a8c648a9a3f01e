/**
 * npm run bench:convert — the whole SigmaHQ corpus × every target, YAML
 * parsing included: rules per second per target, the total, and peak memory.
 * Prints figures only; nothing here asserts a timing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { convert, targets } from '../lib/backends'
import { parseSigma } from '../lib/sigma'
import type { SigmaCollection } from '../lib/sigma/rule'

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

function parseAll(): SigmaCollection[] {
  return files.map(({ file, text }) => parseSigma(text, file))
}

// Warm-up pass (JIT), then measured passes.
for (const collection of parseAll()) for (const document of collection.documents) convert(document, collection, { target: 'sqlite' })

const started = performance.now()
const parsed = parseAll()
const parseMs = performance.now() - started
sample()
const rules = parsed.reduce((n, c) => n + c.documents.filter((d) => d.type === 'rule').length, 0)

console.log(`corpus: ${files.length} files, ${rules} rules; parse ${parseMs.toFixed(0)} ms (${Math.round(rules / (parseMs / 1000))} rules/s)`)
console.log('target       converted  unsupported  convert ms  rules/s (convert)  rules/s (parse+convert)')
let convertTotal = 0
for (const target of targets) {
  const t0 = performance.now()
  let ok = 0
  let failed = 0
  for (const collection of parsed)
    for (const document of collection.documents) {
      if (document.type !== 'rule') continue
      if (convert(document, collection, { target: target.id }).ok) ok++
      else failed++
    }
  const ms = performance.now() - t0
  convertTotal += ms
  sample()
  console.log(
    `${target.id.padEnd(12)} ${String(ok).padStart(9)}  ${String(failed).padStart(11)}  ${ms.toFixed(0).padStart(10)}  ${String(Math.round(rules / (ms / 1000))).padStart(17)}  ${String(Math.round(rules / ((ms + parseMs) / 1000))).padStart(23)}`,
  )
}
console.log(`total: parse once + ${targets.length} targets = ${(parseMs + convertTotal).toFixed(0)} ms; peak RSS ${(peak / 1024 / 1024).toFixed(0)} MiB`)
