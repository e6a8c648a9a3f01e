import type { SigmaCollection, SigmaRule } from '../../sigma/rule'
import { checkRule, type RuleOutcome } from './check-rule'
import type { RegressionCase } from './corpus'
import type { ConversionWarning } from '../compiler/warnings'
import type { Convert, Engine } from './types'

/** What one engine (or a conversion-only target) found over a corpus. */
export interface EngineReport {
  readonly engine: string
  readonly target: string
  readonly pipeline?: string
  readonly exactness: Engine['exactness'] | 'conversion-only'
  readonly rules: number
  readonly converted: number
  readonly crashes: number
  readonly unsupported: Readonly<Record<string, { count: number; reason: string }>>
  readonly events: number
  readonly positives: number
  /** Converted rules for which no compared event matches: the generator found no way to satisfy them. */
  readonly rulesWithoutPositive: number
  readonly skipped: number
  readonly realEvents: number
  /** Rules whose query the engine rejected. */
  readonly engineErrors: number
  readonly overMatches: number
  readonly underMatches: number
  /** Counted disagreements on rules whose conversion carries a warning (a declared weakness). */
  readonly warnedDisagreements: number
  /** How many rules those are. */
  readonly warnedRules: number
  /** Rules with at least one counted disagreement. */
  readonly failingRules: readonly FailingRule[]
  readonly crashSamples: readonly { file: string; error: string }[]
  readonly milliseconds: number
}

export interface FailingRule {
  readonly file: string
  readonly id: string
  readonly query: string
  readonly warnings: readonly ConversionWarning[]
  readonly engineError?: string
  readonly overMatches: number
  readonly underMatches: number
  readonly samples: readonly unknown[]
}

export interface RunOptions {
  readonly seed: number
  readonly convert: Convert
  readonly regression?: readonly RegressionCase[]
  /** Rule files whose outcome is reported at most this many times in `failingRules` (default 50). */
  readonly keepFailing?: number
}

/** Runs one engine, or only conversions when `engine` is a bare target id, over every rule. */
export function runCorpus(
  rules: readonly { rule: SigmaRule; collection: SigmaCollection }[],
  engine: Engine | string,
  options: RunOptions,
): EngineReport {
  const started = performance.now()
  const realById = new Map<string, RegressionCase[]>()
  for (const c of options.regression ?? []) realById.set(c.ruleId, [...(realById.get(c.ruleId) ?? []), c])
  const unsupported: Record<string, { count: number; reason: string }> = {}
  const failingRules: FailingRule[] = []
  const crashSamples: { file: string; error: string }[] = []
  const totals = { converted: 0, crashes: 0, events: 0, positives: 0, skipped: 0, realEvents: 0, engineErrors: 0, over: 0, under: 0, warned: 0, warnedRules: 0, withoutPositive: 0 }
  for (const { rule, collection } of rules) {
    const real = realById.get(rule.id ?? '') ?? []
    let outcome: RuleOutcome
    if (typeof engine === 'string') outcome = convertOnly(rule, collection, engine, options.convert)
    else outcome = checkRule(rule, collection, engine, { seed: options.seed, convert: options.convert, real })
    if (outcome.status === 'crash') {
      totals.crashes++
      if (crashSamples.length < 20) crashSamples.push({ file: outcome.rule.file, error: outcome.error })
      continue
    }
    if (outcome.status === 'unsupported') {
      const entry = (unsupported[outcome.code] ??= { count: 0, reason: outcome.reason })
      entry.count++
      continue
    }
    totals.converted++
    if (typeof engine === 'string') continue
    totals.events += outcome.events
    totals.positives += outcome.positives
    if (outcome.positives === 0) totals.withoutPositive++
    totals.skipped += outcome.skipped
    totals.realEvents += real.reduce((n, c) => n + c.events.length, 0)
    const counted = outcome.underMatches + (engine.exactness === 'exact' ? outcome.overMatches : 0)
    if (outcome.engineError) totals.engineErrors++
    // A warning declares a weaker query: its disagreements are counted apart and do not fail the
    // check. Raw lines may only over-match, so their misses are excused only where the engine's
    // pipeline declares line-level exclusions (grep raw-line-exclusions: see reports/findings.md).
    const excusable = engine.exactness === 'exact' || engine.missesWarned === true
    if (excusable && outcome.warnings.length > 0 && counted > 0) {
      totals.warned += counted
      totals.warnedRules++
    } else {
      totals.over += outcome.overMatches
      totals.under += outcome.underMatches
    }
    if ((counted > 0 || outcome.engineError) && failingRules.length < (options.keepFailing ?? 50)) {
      failingRules.push({
        file: outcome.rule.file,
        id: outcome.rule.id,
        query: outcome.query,
        warnings: outcome.warnings,
        engineError: outcome.engineError,
        overMatches: outcome.overMatches,
        underMatches: outcome.underMatches,
        samples: outcome.samples,
      })
    }
  }
  return {
    engine: typeof engine === 'string' ? engine : engine.id,
    target: typeof engine === 'string' ? engine : engine.target,
    pipeline: typeof engine === 'string' ? undefined : engine.pipeline,
    exactness: typeof engine === 'string' ? 'conversion-only' : engine.exactness,
    rules: rules.length,
    converted: totals.converted,
    crashes: totals.crashes,
    unsupported,
    events: totals.events,
    positives: totals.positives,
    rulesWithoutPositive: totals.withoutPositive,
    skipped: totals.skipped,
    realEvents: totals.realEvents,
    engineErrors: totals.engineErrors,
    overMatches: totals.over,
    underMatches: totals.under,
    warnedDisagreements: totals.warned,
    warnedRules: totals.warnedRules,
    failingRules,
    crashSamples,
    milliseconds: Math.round(performance.now() - started),
  }
}

function convertOnly(rule: SigmaRule, collection: SigmaCollection, target: string, convert: Convert): RuleOutcome {
  const ref = { id: rule.id ?? '', title: rule.title, file: rule.location.file }
  try {
    const result = convert(rule, collection, { target })
    if (!result.ok) return { status: 'unsupported', rule: ref, code: result.code, reason: result.reason }
    return { status: 'converted', rule: ref, query: result.query, warnings: result.warnings, events: 0, positives: 0, skipped: 0, overMatches: 0, underMatches: 0, samples: [] }
  } catch (error) {
    return { status: 'crash', rule: ref, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
}

/** Counted failures: what makes CI red. Over-matches of a field-less engine are reported, not failed. */
export function failures(report: EngineReport): string[] {
  const out: string[] = []
  if (report.crashes > 0) out.push(`${report.crashes} crash(es)`)
  if (report.engineErrors > 0) out.push(`${report.engineErrors} quer(ies) rejected by the engine`)
  if (report.underMatches > 0) out.push(`${report.underMatches} missed match(es)`)
  if (report.exactness === 'exact' && report.overMatches > 0) out.push(`${report.overMatches} false match(es)`)
  return out
}

/** The report as Markdown, for `reports/<engine>.md`. */
export function reportMarkdown(report: EngineReport, seed: number, about = ''): string {
  const lines = [
    `# Differential report: ${report.engine}`,
    '',
    `Target \`${report.target}\`${report.pipeline ? `, pipeline \`${report.pipeline}\`` : ', default pipeline'}; ` +
      (report.exactness === 'conversion-only'
        ? 'no independent engine: conversion only (crashes and unsupported counts).'
        : `engine verdicts compared with the reference evaluator (seed ${seed}).`),
    ...(about ? [about] : []),
    'Written by `npx tsx scripts/check-corpus-conversions.ts --write`; how each engine is modelled: `findings.md`.',
    '',
    '| | count |',
    '|---|---:|',
    `| rules | ${report.rules} |`,
    `| converted | ${report.converted} |`,
    `| unsupported | ${report.rules - report.converted - report.crashes} |`,
    `| crashes | ${report.crashes} |`,
  ]
  if (report.exactness !== 'conversion-only') {
    lines.push(
      `| events compared (generated + real) | ${report.events} |`,
      `| of which the rule matches | ${report.positives} |`,
      `| converted rules with no matching event (generator found no way to satisfy them) | ${report.rulesWithoutPositive} |`,
      `| real regression events among them | ${report.realEvents} |`,
      `| events the format cannot hold (skipped) | ${report.skipped} |`,
      `| queries rejected by the engine | ${report.engineErrors} |`,
      `| missed matches | ${report.underMatches} |`,
      `| ${report.exactness === 'exact' ? 'false matches' : 'over-matches (field-less format, tolerated)'} | ${report.overMatches} |`,
      `| disagreements on rules converted with a warning (rules) | ${report.warnedDisagreements} (${report.warnedRules}) |`,
    )
  }
  lines.push('', '## Unsupported, by reason', '')
  const reasons = Object.entries(report.unsupported).sort((a, b) => b[1].count - a[1].count)
  if (reasons.length === 0) lines.push('None.')
  else {
    lines.push('| code | rules | reason (first seen) |', '|---|---:|---|')
    for (const [code, { count, reason }] of reasons) lines.push(`| \`${code}\` | ${count} | ${reason.replaceAll('|', '\\|')} |`)
  }
  if (report.failingRules.length > 0) {
    lines.push('', '## Disagreements', '', 'Full cases (query, events, expected verdicts) are in the JSON report.', '')
    for (const rule of report.failingRules) {
      const what = rule.engineError ? `engine error: ${rule.engineError}` : `${rule.underMatches} missed, ${rule.overMatches} over`
      lines.push(`- \`${rule.file}\`: ${what}${rule.warnings.length ? ` (warned: ${rule.warnings.map((w) => w.message).join('; ')})` : ''}`)
    }
  }
  if (report.crashSamples.length > 0) {
    lines.push('', '## Crashes', '')
    for (const crash of report.crashSamples) lines.push(`- \`${crash.file}\`: ${crash.error.split('\n')[0]}`)
  }
  return lines.join('\n') + '\n'
}
