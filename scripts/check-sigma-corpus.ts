/**
 * CI check for the Sigma engine: every rule of ../shared/corpus/sigma/rules
 * loads and validates. Fails (exit 1) on any error diagnostic, or if a file
 * yields no document (nothing may be silently dropped). Warnings are printed
 * and allowed. ATT&CK tags are checked for syntax only.
 *
 *   npx tsx scripts/check-sigma-corpus.ts [rules-dir]
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatDiagnostic, parseSigma, resolveCollection } from '../lib/sigma/index'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const rulesDir = path.resolve(process.argv[2] ?? path.resolve(repoRoot, '../shared/corpus/sigma/rules'))

const files = readdirSync(rulesDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
const start = performance.now()
const collections = files.map((f) => parseSigma(readFileSync(path.join(rulesDir, f), 'utf8'), path.join(rulesDir, f)))
const { collection } = resolveCollection(collections)
const ms = performance.now() - start

const errors = collection.diagnostics.filter((d) => d.severity === 'error')
const warnings = collection.diagnostics.length - errors.length
const empty = files.filter((_, i) => collections[i]!.documents.length === 0)
for (const d of collection.diagnostics) console.log(formatDiagnostic(d))
for (const f of empty) console.log(`${path.join(rulesDir, f)}:1:1: error: No Sigma document was loaded from this file [empty-file]`)
console.log(
  `check-sigma-corpus: ${files.length} files, ${collection.documents.length} rules, ${errors.length} errors, ${warnings} warnings (${Math.round(ms)} ms)`,
)
process.exitCode = errors.length || empty.length || files.length === 0 ? 1 : 0
