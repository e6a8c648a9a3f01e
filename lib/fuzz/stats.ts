import type { RuleOutcome } from '../backends/differential/check-rule'

/** The counts a campaign reports. */
export class FuzzStats {
  readonly counters: Record<string, number> = {}
  /** Error diagnostics by code (a file counts once per code). */
  readonly rejections: Record<string, number> = {}
  /** Per `target@pipeline[#format]`: converted, and unsupported by code. */
  readonly conversions: Record<string, { converted: number; unsupported: Record<string, number> }> = {}
  /** Per engine: rules compared, events, disagreements (counted, tolerated over-matches, on warned conversions). */
  readonly engines: Record<string, { rules: number; events: number; positives: number; skipped: number; engineErrors: number; disagreeingRules: number; underMatches: number; overMatches: number; warnedRules: number }> = {}
  readonly findings: Record<string, number> = {}

  count(name: string, by = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + by
  }

  parsed(documents: number, errorCodes: readonly string[]): void {
    this.count('documents', documents)
    if (errorCodes.length === 0) this.count('files parsed without error')
    else this.count('files rejected with diagnostics')
    for (const code of new Set(errorCodes)) this.rejections[code] = (this.rejections[code] ?? 0) + 1
  }

  converted(where: string, type: string, unsupportedCode: string | undefined): void {
    const key = type === 'correlation' ? `${where} (correlations)` : where
    const entry = (this.conversions[key] ??= { converted: 0, unsupported: {} })
    if (unsupportedCode === undefined) entry.converted++
    else entry.unsupported[unsupportedCode] = (entry.unsupported[unsupportedCode] ?? 0) + 1
  }

  compared(engine: string, outcome: RuleOutcome & { status: 'converted' }, counted: number, warned: boolean): void {
    const entry = (this.engines[engine] ??= { rules: 0, events: 0, positives: 0, skipped: 0, engineErrors: 0, disagreeingRules: 0, underMatches: 0, overMatches: 0, warnedRules: 0 })
    entry.rules++
    entry.events += outcome.events
    entry.positives += outcome.positives
    entry.skipped += outcome.skipped
    if (outcome.engineError) entry.engineErrors++
    entry.underMatches += outcome.underMatches
    entry.overMatches += outcome.overMatches
    if (counted > 0) {
      if (warned) entry.warnedRules++
      else entry.disagreeingRules++
    }
  }

  found(kind: string): void {
    this.findings[kind] = (this.findings[kind] ?? 0) + 1
  }
}
