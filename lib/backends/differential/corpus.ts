import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { parseSigma } from '../../sigma/load'
import type { SigmaCollection, SigmaRule } from '../../sigma/rule'
import type { FlatEvent } from '../../sigma/testing/event'
import { flattenWindowsEvent, parseConcatenatedJson } from '../../sigma/testing/flatten-windows-event'
import type { RealEvents } from './check-rule'

/** Node-only: reads the shared corpus (`../shared/corpus/sigma`) for the differential checks. */
export interface CorpusRule {
  readonly rule: SigmaRule
  readonly collection: SigmaCollection
}

export function listFiles(dir: string, extension: string): string[] {
  const out: string[] = []
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith(extension)) out.push(full)
    }
  }
  walk(dir)
  return out
}

/**
 * Every detection rule under `dir`, with the collection they belong to: all
 * files linked together by `resolve` (the engine's `resolveCollection`, which
 * applies filters and links correlations across files), or each file alone.
 */
export function loadRules(
  dir: string,
  resolve?: (collections: readonly SigmaCollection[]) => SigmaCollection,
): { rules: CorpusRule[]; files: number } {
  const files = listFiles(dir, '.yml')
  const parsed = files.map((file) => parseSigma(readFileSync(file, 'utf8'), path.relative(path.dirname(dir), file)))
  const rules: CorpusRule[] = []
  const collections = resolve ? [resolve(parsed)] : parsed
  for (const collection of collections) {
    for (const document of collection.documents) if (document.type === 'rule') rules.push({ rule: document, collection })
  }
  return { rules, files: files.length }
}

/** Regression events by rule id: each `info.yml` names its rule; its JSON files hold EVTX records. */
export interface RegressionCase extends RealEvents {
  readonly ruleId: string
  /** How many records the test says the rule matches, when it says. */
  readonly matchCount?: number
}

export function loadRegressionData(dir: string): RegressionCase[] {
  const cases: RegressionCase[] = []
  for (const info of listFiles(dir, 'info.yml')) {
    const meta = parseYaml(readFileSync(info, 'utf8')) as {
      rule_metadata?: { id?: string }[]
      regression_tests_info?: { match_count?: number }[]
    }
    const ruleId = meta?.rule_metadata?.[0]?.id
    if (!ruleId) continue
    const folder = path.dirname(info)
    const events: FlatEvent[] = []
    for (const name of readdirSync(folder).sort()) {
      if (!name.endsWith('.json')) continue
      for (const record of parseConcatenatedJson(readFileSync(path.join(folder, name), 'utf8'))) events.push(flattenWindowsEvent(record))
    }
    if (events.length === 0) continue
    cases.push({
      ruleId,
      file: path.relative(path.resolve(dir, '../..'), folder),
      events,
      matchCount: meta.regression_tests_info?.[0]?.match_count,
    })
  }
  return cases
}

/** How the reference evaluator's verdicts on the real events compare with each test's `match_count`. */
export interface RegressionAgreement {
  readonly cases: number
  readonly events: number
  /** Cases whose matched-record count equals `match_count` (all records when it is absent). */
  readonly agreeing: number
  readonly missingRules: readonly string[]
  readonly disagreeing: readonly { file: string; matched: number; records: number; matchCount?: number }[]
}

export function regressionAgreement(
  cases: readonly RegressionCase[],
  rulesById: ReadonlyMap<string, SigmaRule>,
  evaluate: (rule: SigmaRule, event: FlatEvent) => boolean,
): RegressionAgreement {
  const missingRules: string[] = []
  const disagreeing: RegressionAgreement['disagreeing'][number][] = []
  let agreeing = 0
  for (const c of cases) {
    const rule = rulesById.get(c.ruleId)
    if (!rule) {
      missingRules.push(c.ruleId)
      continue
    }
    const matched = c.events.filter((event) => evaluate(rule, event)).length
    if (matched === (c.matchCount ?? c.events.length)) agreeing++
    else disagreeing.push({ file: c.file, matched, records: c.events.length, matchCount: c.matchCount })
  }
  return { cases: cases.length, events: cases.reduce((n, c) => n + c.events.length, 0), agreeing, missingRules, disagreeing }
}
