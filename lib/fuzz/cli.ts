/**
 * The fuzzing campaign (issue 8): random valid Sigma files and mutations of
 * the SigmaHQ corpus, each checked by the oracle (`oracle.ts`).
 *
 *   npm run fuzz -- [--rules N] [--seed N] [--mutated 0.3] [--time-limit SECONDS]
 *                   [--findings DIR] [--json FILE] [--replay SEED-N]
 *
 * Prints the counts; minimized findings go to `lib/fuzz/__findings__/`.
 * Exits 1 on any finding that is not a known one (`known-findings.ts`).
 *
 * The npm script gives Node a 4 MB stack (the thread has 8 MB): the independent
 * `lucene` parser recurses once per OR term, and mutated corpus rules reach
 * 9,000 terms in a 1 MB query, which overflows the default 1 MB stack.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { listFiles } from '../backends/differential/corpus'
import { createEngines, makeCase, runCampaign, type CampaignResult } from './campaign'
import { checkText } from './oracle'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const corpus = path.resolve(repoRoot, '../shared/corpus/sigma/rules')

const args = process.argv.slice(2)
const option = (name: string) => {
  const at = args.indexOf(name)
  return at === -1 ? undefined : args[at + 1]
}
const rules = Number(option('--rules') ?? 1000)
const seed = Number(option('--seed') ?? 1)
const mutated = Number(option('--mutated') ?? 0.3)
const timeLimit = option('--time-limit')
const findingsDir = path.resolve(repoRoot, option('--findings') ?? 'lib/fuzz/__findings__')
const jsonFile = option('--json')
const replay = option('--replay')

function main(): number {
  if (replay) return replayCase(replay)
  console.log(`fuzz: ${rules} cases, seed ${seed}, ${Math.round(mutated * 100)}% mutated corpus rules${timeLimit ? `, at most ${timeLimit} s` : ''}`)
  const result = runCampaign({
    rules,
    seed,
    mutated,
    corpus: existsSync(corpus) ? corpus : undefined,
    findingsDir,
    timeLimitMs: timeLimit ? Number(timeLimit) * 1000 : undefined,
    progress: (done, stats) =>
      console.log(`  ${done} cases, ${Object.values(stats.findings).reduce((a, b) => a + b, 0)} finding(s), ${Math.round(performance.now() / 1000)} s`),
  })
  console.log(formatReport(result, seed))
  if (jsonFile) writeFileSync(path.resolve(jsonFile), JSON.stringify(reportJson(result, seed), null, 2) + '\n')
  const unknown = result.findings.filter((f) => !f.known)
  if (unknown.length > 0) {
    console.log(`FAILED: ${Object.keys(result.signatures).length} distinct finding(s), ${unknown.length} unknown sample(s); minimized cases in ${path.relative(repoRoot, findingsDir)}/`)
    return 1
  }
  console.log('OK: no exception, no internal error, no unlocated diagnostic, no parse failure, no disagreement' + (result.findings.length ? ' (known findings only)' : ''))
  return 0
}

export function formatReport(result: CampaignResult, seed: number): string {
  const { stats } = result
  const lines: string[] = []
  const rate = result.cases / Math.max(1, result.milliseconds / 1000)
  lines.push(`\n${result.cases} cases (seed ${seed}) in ${(result.milliseconds / 1000).toFixed(1)} s, ${rate.toFixed(1)} cases/s`)
  for (const [name, n] of Object.entries(stats.counters).sort()) lines.push(`  ${name}: ${n}`)
  lines.push('\nrejected with diagnostics, by code (files):')
  for (const [code, n] of sorted(stats.rejections)) lines.push(`  ${code}: ${n}`)
  lines.push('\nconversions (documents), converted / unsupported by code:')
  for (const [where, entry] of Object.entries(stats.conversions).sort()) {
    const reasons = sorted(entry.unsupported).map(([code, n]) => `${code} ${n}`).join(', ')
    lines.push(`  ${where}: ${entry.converted} converted${reasons ? `; ${reasons}` : ''}`)
  }
  lines.push('\ndifferential (rules converted and compared with the reference evaluator):')
  for (const [engine, e] of Object.entries(stats.engines)) {
    lines.push(
      `  ${engine}: ${e.rules} rules, ${e.events} events (${e.positives} matching, ${e.skipped} skipped), engine errors ${e.engineErrors}, ` +
        `disagreeing rules ${e.disagreeingRules} (missed ${e.underMatches}, false/over ${e.overMatches}${engine === 'grep' ? ', over-matches tolerated for raw lines' : ''}), warned ${e.warnedRules}`,
    )
  }
  lines.push('\nfindings by kind (cases): ' + (Object.keys(stats.findings).length ? sorted(stats.findings).map(([k, n]) => `${k} ${n}`).join(', ') : 'none'))
  for (const [sig, n] of sorted(result.signatures)) {
    const sample = result.findings.find((f) => f.signature === sig)
    lines.push(`  ${n}× ${sig}${sample?.file ? ` → ${sample.file}` : ''}`)
  }
  return lines.join('\n')
}

function reportJson(result: CampaignResult, seed: number) {
  const { stats } = result
  return {
    seed,
    cases: result.cases,
    milliseconds: result.milliseconds,
    counters: stats.counters,
    rejections: stats.rejections,
    conversions: stats.conversions,
    engines: stats.engines,
    findings: stats.findings,
    signatures: result.signatures,
    samples: result.findings.map(({ text: _text, ...rest }) => rest),
  }
}

const sorted = (record: Record<string, number>) => Object.entries(record).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))

function replayCase(name: string): number {
  const [caseSeed, n] = name.split('-').map(Number)
  const corpusFiles = existsSync(corpus) ? listFiles(corpus, '.yml').map((file) => ({ file, text: readFileSync(file, 'utf8') })) : []
  const fuzzCase = makeCase({ seed: caseSeed!, mutated }, corpusFiles, n!)
  console.log(`# ${fuzzCase.name} (${fuzzCase.origin})\n${fuzzCase.text}`)
  const engines = createEngines()
  try {
    const findings = checkText(fuzzCase.text, fuzzCase.file, { engines, seed: caseSeed!, expectValid: fuzzCase.expectValid })
    for (const f of findings) console.log(`${f.kind} in ${f.where}: ${f.message}${f.detail ? '\n' + f.detail : ''}`)
    return findings.length > 0 ? 1 : 0
  } finally {
    for (const engine of engines) engine.close?.()
  }
}

process.exitCode = main()
