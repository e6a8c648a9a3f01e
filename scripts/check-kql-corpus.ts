/**
 * CI check for the `kql` target: converts every rule of ../shared/corpus/sigma/rules
 * (and the hostile fixture rules) with each KQL pipeline, parses every query with Microsoft's Kusto analyzer
 * (`@kusto/language-service-next`) against the schema of the tables the
 * target writes for, and fails on any query with an error, or on a converted
 * count below reports/kql-baseline.json. Prints the share converted next to
 * pySigma's Kusto pipelines (1,928 and 1,331 of 3,141).
 *
 *   npx tsx scripts/check-kql-corpus.ts [--update-baseline] [--verbose]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { convert } from '../lib/backends/index'
import { KQL_SCHEMA } from '../lib/backends/targets/kql-schema'
import { loadRules } from '../lib/backends/differential/corpus'
import { resolveCollection } from '../lib/sigma/index'
import { kqlErrors } from './kusto/check-kql'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const corpus = path.resolve(repoRoot, '../shared/corpus/sigma/rules')
const baselineFile = path.join(repoRoot, 'reports', 'kql-baseline.json')
const args = process.argv.slice(2)
const PYSIGMA = { 'microsoft_xdr (pySigma)': 1928, 'sentinel_asim (pySigma)': 1331 }

const resolve = (collections: Parameters<typeof resolveCollection>[0]) => resolveCollection(collections).collection
const { rules: corpusRules } = loadRules(corpus, resolve)
// The hostile fixture rules (quotes, escapes, specials, non-ASCII) only have to parse; they are not counted.
const { rules: hostile } = loadRules(path.join(repoRoot, 'lib/backends/differential/__fixtures__/hostile'), resolve)
const rules = [...corpusRules, ...hostile]
const total = corpusRules.length
const baseline: Record<string, number> = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : {}
const problems: string[] = []
const counts: Record<string, number> = {}

for (const pipeline of ['defender-xdr', 'sentinel-windows-event']) {
  let converted = 0
  const reasons = new Map<string, number>()
  for (const [index, { rule, collection }] of rules.entries()) {
    const counted = index < corpusRules.length
    const result = convert(rule, collection, { target: 'kql', pipeline })
    if (!result.ok) {
      if (!counted) continue
      if (result.code === 'internal-error') problems.push(`${rule.location.file}: crash: ${result.reason}`)
      reasons.set(result.code, (reasons.get(result.code) ?? 0) + 1)
      continue
    }
    if (counted) converted++
    const errors = kqlErrors(result.query, KQL_SCHEMA)
    for (const e of errors) problems.push(`${rule.location.file}: [${pipeline}] ${e.code} ${e.message} at ${e.start}: ${result.query.slice(Math.max(0, e.start - 40), e.start + 40)}`)
  }
  counts[pipeline] = converted
  console.log(`kql/${pipeline}: ${converted} of ${total} converted (${((100 * converted) / total).toFixed(1)}%), every query parsed and analyzed by Kusto.Language`)
  if (args.includes('--verbose')) for (const [code, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  unsupported ${code}: ${n}`)
  if ((baseline[pipeline] ?? 0) > converted) problems.push(`kql/${pipeline}: ${converted} converted, below the baseline ${baseline[pipeline]}`)
}
for (const [name, n] of Object.entries(PYSIGMA)) console.log(`  for comparison, ${name}: ${n} of 3141 (${((100 * n) / 3141).toFixed(1)}%)`)

if (args.includes('--update-baseline')) {
  const raised = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.max(v, baseline[k] ?? 0)]))
  writeFileSync(baselineFile, `${JSON.stringify(raised, null, 2)}\n`)
}
for (const p of problems.slice(0, 40)) console.error(p)
if (problems.length > 0) {
  console.error(`check-kql-corpus: ${problems.length} problem(s)`)
  process.exit(1)
}
