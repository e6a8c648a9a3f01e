/**
 * `npm audit --omit=dev` over the runtime dependencies (issue 8, item 7): exits 1 on a high or
 * critical advisory. A registry without npm's advisory endpoint (a mirror answering 405) cannot
 * audit anything; that is said loudly and exits 0 unless `--require`, so CI on such a machine
 * still runs the rest while a machine with the real registry enforces the audit.
 *
 *   npx tsx scripts/audit-deps.ts [--require]
 */
import { spawnSync } from 'node:child_process'
import { repoRoot } from '../lib/catalog/paths'

interface AuditReport {
  readonly statusCode?: number
  readonly message?: string
  readonly metadata?: { readonly vulnerabilities: Readonly<Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>> }
  readonly vulnerabilities?: Readonly<Record<string, { readonly severity: string; readonly via: readonly unknown[] }>>
}

const npm = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 })
let report: AuditReport
try {
  report = JSON.parse(npm.stdout) as AuditReport
} catch {
  console.error(`npm audit printed no report (exit ${npm.status}):\n${npm.stderr}`)
  process.exit(1)
}

if (!report.metadata) {
  console.error(`npm audit could not reach an advisory database: ${report.message ?? 'no metadata in its report'}`)
  console.error('The runtime dependencies were NOT audited on this machine.')
  process.exit(process.argv.includes('--require') ? 1 : 0)
}

const counts = report.metadata.vulnerabilities
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
console.log(`npm audit --omit=dev: ${Object.entries(counts).map(([level, n]) => `${n} ${level}`).join(', ')}`)
for (const [name, v] of serious) console.log(`  ${v.severity}: ${name}`)
process.exit(serious.length > 0 ? 1 : 0)
