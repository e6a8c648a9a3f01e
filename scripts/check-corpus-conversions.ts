/**
 * CI check: converts every rule of ../shared/corpus/sigma/rules (and the
 * hostile fixture rules of lib/backends/differential/__fixtures__/hostile) with every
 * target in `targets`, runs the differential checks where an independent
 * engine exists (grep -P raw lines, with the default and the
 * raw-line-exclusions pipelines, and JSON lines, SQLite, the Lucene
 * parser + Elasticsearch-semantics evaluator) on generated events and on the
 * real events of ../shared/corpus/sigma/regression_data, and fails on any
 * crash, any counted disagreement, or a converted count below
 * reports/baseline.json.
 *
 *   npx tsx scripts/check-corpus-conversions.ts [--write] [--update-baseline] [--only ENGINE,...] [--seed N] [--keep N] [--fuzz N]
 *
 * --fuzz N also runs N random rules (lib/sigma/testing/expression-generator.ts)
 * through every engine and target, with the same pass/fail rules (--fuzz-only: not the corpus).
 *
 * --write rewrites reports/<engine>.md and .json; --update-baseline raises
 * (never lowers) the converted floors and lowers (never raises) the ceilings
 * on rules with warned disagreements — those a backend declared with a
 * warning, which are reported but only fail the check when they grow past a margin.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadRegressionData, loadRules, regressionAgreement } from '../lib/backends/differential/corpus'
import { createGrepEngine } from '../lib/backends/differential/engines/grep-engine'
import { createLuceneEngine } from '../lib/backends/differential/engines/lucene-engine'
import { createSqliteEngine } from '../lib/backends/differential/engines/sqlite-engine'
import { fuzzRules } from '../lib/backends/differential/fuzz'
import { failures, reportMarkdown, runCorpus, type EngineReport } from '../lib/backends/differential/run-corpus'
import type { Convert, Engine } from '../lib/backends/differential/types'
import { matches, resolveCollection } from '../lib/sigma/index'
import type { SigmaCollection } from '../lib/sigma/rule'

const started = performance.now()
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const corpus = path.resolve(repoRoot, '../shared/corpus/sigma')
const reportsDir = path.join(repoRoot, 'reports')
const baselineFile = path.join(reportsDir, 'baseline.json')

const args = process.argv.slice(2)
const flag = (name: string) => args.includes(name)
const option = (name: string) => {
  const at = args.indexOf(name)
  return at === -1 ? undefined : args[at + 1]
}
const seed = Number(option('--seed') ?? 20251125)
const only = option('--only')?.split(',')
const keepFailing = Number(option('--keep') ?? 50)
const fuzzCount = Number(option('--fuzz') ?? 0)

/** Independent engines, by target id. Targets without one are checked for conversion only. */
const ENGINES: Readonly<Record<string, () => Engine[]>> = {
  sqlite: () => [createSqliteEngine()],
  // Raw lines (may only over-match), the seed's line-level exclusions (misses warned), JSON lines (exact).
  grep: () => [createGrepEngine({ form: 'raw' }), createGrepEngine({ form: 'raw-line-exclusions' }), createGrepEngine({ form: 'jsonl' })],
  lucene: () => [createLuceneEngine()],
  // Graylog writes the lucene language on the rule's own field names: the same parser and evaluator judge it.
  graylog: () => [{ ...createLuceneEngine(), id: 'graylog', target: 'graylog' }],
}

async function main(): Promise<number> {
  const backends = (await import('../lib/backends/index').catch(() => undefined)) as
    | { convert: Convert; targets: readonly { id: string }[] }
    | undefined
  if (!backends) {
    console.log('check-corpus-conversions: lib/backends/index.ts has no convert() yet; nothing to check')
    return 0
  }
  const loaded = performance.now()
  const resolve = (collections: readonly SigmaCollection[]) => resolveCollection(collections).collection
  const { rules: corpusRules, files } = loadRules(path.join(corpus, 'rules'), resolve)
  // Rules whose own values are full of quotes, escapes, specials and non-ASCII text, which the corpus rarely has.
  const { rules: hostile } = loadRules(path.join(repoRoot, 'lib/backends/differential/__fixtures__/hostile'), resolve)
  const rules = [...corpusRules, ...hostile]
  const regression = loadRegressionData(path.join(corpus, 'regression_data'))
  console.log(
    `corpus: ${files} files, ${corpusRules.length} rules (+ ${hostile.length} hostile fixture rules), ${regression.length} regression cases ` +
      `(${regression.reduce((n, c) => n + c.events.length, 0)} events), loaded in ${ms(performance.now() - loaded)}`,
  )

  const baseline: Baseline = existsSync(baselineFile) ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Baseline) : {}
  const problems: string[] = []

  // The evaluator itself, on real events: how many regression tests it agrees with.
  const agreement = regressionAgreement(regression, new Map(rules.map(({ rule }) => [rule.id ?? '', rule])), (rule, event) =>
    matches(rule.expression, event),
  )
  console.log(
    `regression data: the evaluator agrees with match_count on ${agreement.agreeing} of ${agreement.cases} cases` +
      (agreement.missingRules.length ? `, ${agreement.missingRules.length} name no rule of the corpus` : ''),
  )
  const agreementFloor = baseline.regressionDataAgreement
  if (agreementFloor !== undefined && agreement.agreeing < agreementFloor) {
    problems.push(`regression data: the evaluator agrees on ${agreement.agreeing} cases < baseline ${agreementFloor}`)
  }

  const runs: (Engine | string)[] = []
  for (const target of backends.targets) {
    const engines = ENGINES[target.id]?.() ?? []
    runs.push(...(engines.length > 0 ? engines : [target.id]))
  }
  const selected = runs.filter((run) => !only || only.includes(typeof run === 'string' ? run : run.id))

  const reports: EngineReport[] = []
  for (const run of flag('--fuzz-only') ? [] : selected) {
    const report = runCorpus(rules, run, { seed, convert: backends.convert, regression, keepFailing })
    if (typeof run !== 'string') run.close?.()
    reports.push(report)
    const unsupported = Object.values(report.unsupported).reduce((n, u) => n + u.count, 0)
    console.log(
      `${report.engine.padEnd(12)} converted ${report.converted}/${report.rules}, unsupported ${unsupported}, crashes ${report.crashes}` +
        (report.exactness === 'conversion-only'
          ? ' (no engine: conversion only)'
          : `, events ${report.events} (${report.positives} matching, ${report.realEvents} real, ${report.skipped} skipped), ` +
            `engine errors ${report.engineErrors}, missed ${report.underMatches}, ` +
            `${report.exactness === 'exact' ? 'false' : 'over (tolerated)'} ${report.overMatches}, warned ${report.warnedDisagreements} (${report.warnedRules} rules)`) +
        ` in ${ms(report.milliseconds)}`,
    )
    for (const problem of failures(report)) problems.push(`${report.engine}: ${problem}`)
    const floor = baseline.converted?.[report.engine]
    if (floor !== undefined && report.converted < floor) {
      problems.push(
        `${report.engine}: converted ${report.converted} < baseline ${floor} (a drop made on purpose, e.g. an exactness fix, ` +
          'lowers reports/baseline.json by hand, with the reason in the commit)',
      )
    }
    // Which events are generated shifts a little with any change to the evaluator (another seed moves
    // the count of rules by a few percent), so warned rules fail only when they grow past a margin.
    const ceiling = baseline.warnedRulesAtMost?.[report.engine] ?? 0
    const margin = Math.max(5, Math.ceil(ceiling * 0.1))
    if (report.exactness !== 'conversion-only' && report.warnedRules > ceiling + margin) {
      problems.push(`${report.engine}: ${report.warnedRules} rules with warned disagreements > baseline ${ceiling} + ${margin}`)
    }
  }

  if (fuzzCount > 0) {
    const fuzz = fuzzRules(fuzzCount, seed)
    for (const run of selected) {
      const engine = typeof run === 'string' ? run : (ENGINES[run.target]?.() ?? []).find((e) => e.id === run.id)
      if (!engine) continue
      const report = runCorpus(fuzz, engine, { seed, convert: backends.convert, keepFailing })
      if (typeof engine !== 'string') engine.close?.()
      console.log(
        `fuzz ${report.engine.padEnd(12)} converted ${report.converted}/${report.rules}, crashes ${report.crashes}` +
          (report.exactness === 'conversion-only'
            ? ''
            : `, events ${report.events} (${report.positives} matching), engine errors ${report.engineErrors}, missed ${report.underMatches}, ` +
              `${report.exactness === 'exact' ? 'false' : 'over (tolerated)'} ${report.overMatches}, warned ${report.warnedDisagreements} (${report.warnedRules} rules)`),
      )
      for (const problem of failures(report)) problems.push(`fuzz ${report.engine}: ${problem}`)
      for (const rule of report.failingRules.filter((r) => r.warnings.length === 0).slice(0, 3)) {
        console.log(`  ${rule.engineError ?? 'disagrees'}: ${rule.query.slice(0, 300)}\n    ${JSON.stringify(rule.samples[0] ?? {}).slice(0, 300)}`)
      }
    }
  }

  if (flag('--write')) {
    mkdirSync(reportsDir, { recursive: true })
    for (const report of reports) {
      const about = `Rules: the ${corpusRules.length} rules of \`../shared/corpus/sigma/rules\` and ${hostile.length} hostile fixture rules (\`lib/backends/differential/__fixtures__/hostile\`).`
      writeFileSync(path.join(reportsDir, `${report.engine}.md`), reportMarkdown(report, seed, about))
      // Timings stay out of committed reports, so that a rerun on the same code changes nothing.
      const { milliseconds: _, ...stable } = report
      writeFileSync(path.join(reportsDir, `${report.engine}.json`), JSON.stringify({ seed, ...stable }, null, 2) + '\n')
    }
    writeFileSync(path.join(reportsDir, 'regression-data.md'), regressionMarkdown(agreement))
    console.log(`wrote ${reports.length + 1} report(s) to reports/`)
  }
  if (flag('--update-baseline')) {
    const converted = { ...baseline.converted }
    const warned = { ...baseline.warnedRulesAtMost }
    for (const report of reports) {
      converted[report.engine] = Math.max(converted[report.engine] ?? 0, report.converted)
      if (report.exactness !== 'conversion-only') {
        warned[report.engine] = Math.min(warned[report.engine] ?? Infinity, report.warnedRules)
      }
    }
    const next: Baseline = {
      converted: sortKeys(converted),
      warnedRulesAtMost: sortKeys(warned),
      regressionDataAgreement: Math.max(baseline.regressionDataAgreement ?? 0, agreement.agreeing),
    }
    mkdirSync(reportsDir, { recursive: true })
    writeFileSync(baselineFile, JSON.stringify(next, null, 2) + '\n')
    console.log('updated reports/baseline.json')
  }

  console.log(`check-corpus-conversions: ${reports.length} run(s) in ${ms(performance.now() - started)}`)
  if (problems.length > 0) {
    console.log(`FAILED:\n  ${problems.join('\n  ')}`)
    return 1
  }
  console.log('OK: no crash, no counted disagreement, no converted count below the baseline, no growth of warned disagreements')
  return 0
}

/** reports/baseline.json */
interface Baseline {
  /** Floors: rules each engine or target converts. */
  converted?: Record<string, number>
  /** Ceilings: rules with disagreements whose conversion carries a warning (plus a margin: see the check). */
  warnedRulesAtMost?: Record<string, number>
  /** Floor: regression cases where the evaluator agrees with match_count. */
  regressionDataAgreement?: number
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)))
}

function regressionMarkdown(agreement: ReturnType<typeof regressionAgreement>): string {
  const lines = [
    '# Regression data: the reference evaluator on real events',
    '',
    'Each case of `../shared/corpus/sigma/regression_data` names a rule and holds EVTX records as JSON,',
    'flattened by `lib/sigma/testing/flatten-windows-event.ts`. The rule (no pipeline) is evaluated on each',
    'record and the matched count compared with the case\'s `match_count` (all records when absent).',
    'Written by `npx tsx scripts/check-corpus-conversions.ts --write`.',
    '',
    `- cases: ${agreement.cases} (${agreement.events} records)`,
    `- agreeing: ${agreement.agreeing}`,
    `- naming no rule of the corpus: ${agreement.missingRules.length}`,
    '',
  ]
  if (agreement.disagreeing.length > 0) {
    lines.push('| case | records | matched | match_count |', '|---|---:|---:|---:|')
    for (const d of agreement.disagreeing) lines.push(`| \`${d.file}\` | ${d.records} | ${d.matched} | ${d.matchCount ?? '—'} |`)
    lines.push(
      '',
      'In each of these the evaluator matches more records than `match_count`; the extra records were read by hand',
      'for `registry_set_disable_administrative_share` (two SetValue events, `AutoShareServer` and `AutoShareWks`,',
      'both `DWORD (0x00000000)`): both satisfy the rule, so the count in the data is low, not the evaluator wrong.',
    )
  }
  return lines.join('\n') + '\n'
}

function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`
}

process.exitCode = await main()
