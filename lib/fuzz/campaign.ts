import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { listFiles } from '../backends/differential/corpus'
import { createGrepEngine } from '../backends/differential/engines/grep-engine'
import { createLuceneEngine } from '../backends/differential/engines/lucene-engine'
import { createSqliteEngine } from '../backends/differential/engines/sqlite-engine'
import type { Engine } from '../backends/differential/types'
import { createRandom, hashString } from '../sigma/testing/random'
import { generateFile } from './generate-rule'
import { knownFinding } from './known-findings'
import { minimize } from './minimize'
import { mutateRule } from './mutate-rule'
import { checkText, signature, type Finding } from './oracle'
import { FuzzStats } from './stats'

export interface CampaignOptions {
  readonly rules: number
  readonly seed: number
  /** Share of cases that are mutated corpus rules (default 0.3). */
  readonly mutated?: number
  /** Folder of rule files to mutate (the shared SigmaHQ corpus). */
  readonly corpus?: string
  /** Where minimized findings are written (none when absent). */
  readonly findingsDir?: string
  /** Stop starting new cases after this many milliseconds. */
  readonly timeLimitMs?: number
  /** Minimize at most this many distinct findings (default 20). */
  readonly minimizeLimit?: number
  readonly progress?: (done: number, stats: FuzzStats) => void
}

export interface RecordedFinding extends Finding {
  readonly signature: string
  readonly case: string
  readonly origin: string
  /** The id of a known finding it matches. */
  readonly known?: string
  readonly text: string
  readonly minimized?: string
  readonly file?: string
}

export interface CampaignResult {
  readonly stats: FuzzStats
  readonly cases: number
  readonly findings: readonly RecordedFinding[]
  /** Distinct signatures seen, with how many cases hit each. */
  readonly signatures: Readonly<Record<string, number>>
  readonly milliseconds: number
}

/** The engines the oracle runs each rule through. */
export function createEngines(): Engine[] {
  return [createSqliteEngine(), createGrepEngine({ form: 'raw' }), createGrepEngine({ form: 'jsonl' }), createLuceneEngine()]
}

/**
 * Runs `rules` cases: generated files and mutations of corpus files, each
 * checked by the oracle. Every case is named `<seed>-<n>` and can be replayed
 * alone with `replayCase`. Findings are grouped by signature; the first few of
 * each are kept and the first is minimized and written to `findingsDir`.
 */
export function runCampaign(options: CampaignOptions): CampaignResult {
  const started = performance.now()
  const stats = new FuzzStats()
  const engines = createEngines()
  const corpus = options.corpus ? listFiles(options.corpus, '.yml').map((file) => ({ file, text: readFileSync(file, 'utf8') })) : []
  const signatures: Record<string, number> = {}
  const findings: RecordedFinding[] = []
  let minimized = 0
  let cases = 0
  try {
    for (let n = 0; n < options.rules; n++) {
      if (options.timeLimitMs !== undefined && performance.now() - started > options.timeLimitMs) break
      const fuzzCase = makeCase(options, corpus, n)
      cases++
      stats.count(`cases ${fuzzCase.origin.split(':')[0]}`)
      const found = checkText(fuzzCase.text, fuzzCase.file, { engines, seed: options.seed, expectValid: fuzzCase.expectValid }, stats)
      const seen = new Set<string>()
      for (const finding of found) {
        const known = knownFinding(finding)?.id
        const sig = signature(finding) + (known ? ` [known: ${known}]` : '')
        if (seen.has(sig)) continue
        seen.add(sig)
        stats.found(known ? `${finding.kind} (known)` : finding.kind)
        signatures[sig] = (signatures[sig] ?? 0) + 1
        if (signatures[sig]! > 3) continue
        const record: RecordedFinding = { ...finding, signature: sig, case: fuzzCase.name, origin: fuzzCase.origin, known, text: fuzzCase.text }
        if (signatures[sig] === 1 && !known && minimized < (options.minimizeLimit ?? 20)) {
          minimized++
          const small = minimizeFinding(fuzzCase, finding, sig, engines, options.seed)
          const file = options.findingsDir ? writeFinding(options.findingsDir, record, small.text, small.finding) : undefined
          findings.push({ ...record, minimized: small.text, file })
        } else findings.push(record)
      }
      if (options.progress && (n + 1) % 500 === 0) options.progress(n + 1, stats)
    }
  } finally {
    for (const engine of engines) engine.close?.()
  }
  return { stats, cases, findings, signatures, milliseconds: Math.round(performance.now() - started) }
}

export interface FuzzCase {
  readonly name: string
  readonly file: string
  readonly text: string
  /** `generated:<shape>` or `mutated:<corpus file>:<mutations>`. */
  readonly origin: string
  readonly expectValid: boolean
}

/** Case `n` of a campaign: the same seed and `n` always give the same text. */
export function makeCase(options: Pick<CampaignOptions, 'seed' | 'mutated'>, corpus: readonly { file: string; text: string }[], n: number): FuzzCase {
  const random = createRandom(hashString(`case-${n}`, options.seed))
  const name = `${options.seed}-${n}`
  const file = `fuzz/${name}.yml`
  if (corpus.length > 0 && random.chance(options.mutated ?? 0.3)) {
    const source = random.pick(corpus)
    const mutated = mutateRule(source.text, random)
    return { name, file, text: mutated.text, origin: `mutated:${path.basename(source.file)}:${mutated.mutations.join('+')}`, expectValid: false }
  }
  const generated = generateFile(random)
  return { name, file, text: generated.text, origin: `generated:${generated.shape}`, expectValid: true }
}

/** The smallest text that still shows the finding, and the finding as that text shows it. */
function minimizeFinding(fuzzCase: FuzzCase, finding: Finding, sig: string, engines: readonly Engine[], seed: number): { text: string; finding: Finding } {
  const focus = finding.where === 'parse' || finding.where === 'resolve' ? 'none-such' : finding.where.replace(/#.*/, '')
  const rerun = (candidate: string) => {
    try {
      return checkText(candidate, fuzzCase.file, { engines, seed, expectValid: fuzzCase.expectValid, focus }).find((f) => signature(f) === sig && !knownFinding(f))
    } catch {
      return undefined
    }
  }
  const text = minimize(fuzzCase.text, (candidate) => rerun(candidate) !== undefined)
  return { text, finding: rerun(text) ?? finding }
}

function writeFinding(dir: string, record: RecordedFinding, minimized: string, shown: Finding): string {
  mkdirSync(dir, { recursive: true })
  const name = `${record.kind}-${hashString(record.signature).toString(16).padStart(8, '0')}.yml`
  const comment = (text: string) => text.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n')
  const body = [
    comment(`${shown.kind} in ${shown.where}: ${shown.message}`),
    comment(`minimized from case ${record.case} (${record.origin}); replay the original: npm run fuzz -- --replay ${record.case}`),
    ...(shown.detail ? [comment(shown.detail.slice(0, 3000))] : []),
    minimized,
  ].join('\n')
  writeFileSync(path.join(dir, name), body.endsWith('\n') ? body : body + '\n')
  return name
}
