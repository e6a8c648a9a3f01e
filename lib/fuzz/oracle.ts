import lucene from 'lucene'
import { convert, targets } from '../backends/index'
import { checkRule } from '../backends/differential/check-rule'
import type { Engine } from '../backends/differential/types'
import { formatDiagnostic, parseSigma, resolveCollection, type Diagnostic, type SigmaCollection } from '../sigma/index'
import { kqlErrors } from '../../scripts/kusto/check-kql'
import { PLACEHOLDERS } from './generate-rule'
import type { FuzzStats } from './stats'

/**
 * What the library must do with every rule text, generated or mutated:
 *
 * - `parseSigma` yields documents or diagnostics, never throws, and every
 *   diagnostic has a file, a line and a column inside the text; its fast YAML
 *   reader and the `yaml` package give the same documents and diagnostics;
 * - `convert`, for every target and each of its pipelines (and each output
 *   format with the default pipeline), returns a non-empty query or a named
 *   reason, never throws and never fails as `internal-error`;
 * - every query of a Lucene-language target parses with the npm `lucene`
 *   parser; every `kql` query parses without error with Kusto.Language;
 * - `sqlite`, `grep` (raw lines and JSON lines) and `lucene` agree with the
 *   reference evaluator on events generated from each rule
 *   (`lib/backends/differential`).
 */
export type FindingKind =
  | 'exception'
  | 'internal-error'
  | 'unlocated-diagnostic'
  | 'empty-query'
  | 'unnamed-unsupported'
  | 'lucene-parse'
  | 'kql-parse'
  | 'engine-error'
  | 'disagreement'
  | 'valid-rule-rejected'
  | 'reader-mismatch'

export interface Finding {
  readonly kind: FindingKind
  /** `target@pipeline`, `target@pipeline#format`, an engine id, or `parse`. */
  readonly where: string
  readonly message: string
  /** The query, the events or the stack: what a reader needs to see the bug. */
  readonly detail?: string
}

export interface OracleOptions {
  readonly engines: readonly Engine[]
  readonly seed: number
  /** The file is a generated valid rule: any error diagnostic is a finding. */
  readonly expectValid: boolean
  /** Check only conversions and engines whose `where` starts with this (minimization). */
  readonly focus?: string
}

const LUCENE_LANGUAGES = new Set(['lucene'])

/** Runs every check on one file's text; returns the findings and adds the counts to `stats` (when given). */
export function checkText(text: string, file: string, options: OracleOptions, stats?: FuzzStats): Finding[] {
  const findings: Finding[] = []
  const focused = (where: string) => options.focus === undefined || where.startsWith(options.focus)
  let collection: SigmaCollection
  try {
    collection = parseSigma(text, file, { placeholders: PLACEHOLDERS })
  } catch (error) {
    findings.push({ kind: 'exception', where: 'parse', message: `parseSigma threw: ${errorText(error)}`, detail: stackOf(error) })
    return findings
  }
  checkDiagnostics(collection.diagnostics, text, file, findings)
  checkReaders(text, file, collection, findings)
  const errors = collection.diagnostics.filter((d) => d.severity === 'error')
  stats?.parsed(collection.documents.length, errors.map((d) => d.code))
  if (options.expectValid && errors.length > 0) {
    findings.push({ kind: 'valid-rule-rejected', where: 'parse', message: `a generated valid rule is rejected: [${errors[0]!.code}] ${errors[0]!.message}` })
  }

  let resolved: SigmaCollection
  try {
    resolved = resolveCollection([collection]).collection
  } catch (error) {
    findings.push({ kind: 'exception', where: 'resolve', message: `resolveCollection threw: ${errorText(error)}`, detail: stackOf(error) })
    return findings
  }
  checkDiagnostics(resolved.diagnostics.slice(collection.diagnostics.length), text, file, findings)

  for (const document of resolved.documents) {
    if (document.type === 'filter') continue
    for (const target of targets) {
      const runs = [
        ...target.pipelines.map((pipeline) => ({ pipeline, format: 'default' })),
        ...target.formats.filter((f) => f !== 'default').map((format) => ({ pipeline: target.pipelines[0]!, format })),
      ]
      for (const { pipeline, format } of runs) {
        const where = `${target.id}@${pipeline}${format === 'default' ? '' : '#' + format}`
        if (!focused(where)) continue
        let result
        try {
          result = convert(document, resolved, { target: target.id, pipeline, format })
        } catch (error) {
          findings.push({ kind: 'exception', where, message: `convert threw: ${errorText(error)}`, detail: stackOf(error) })
          continue
        }
        stats?.converted(where, document.type, result.ok ? undefined : result.code)
        if (!result.ok) {
          if (result.code === 'internal-error') findings.push({ kind: 'internal-error', where, message: result.reason })
          else if (!result.code || !result.reason.trim()) findings.push({ kind: 'unnamed-unsupported', where, message: `code \`${result.code}\`, reason \`${result.reason}\`` })
          continue
        }
        if (result.query.trim() === '') {
          findings.push({ kind: 'empty-query', where, message: 'convert returned an empty query' })
          continue
        }
        if (format !== 'default') continue
        if (LUCENE_LANGUAGES.has(target.language)) {
          stats?.count('lucene queries parsed')
          try {
            lucene.parse(result.query)
          } catch (error) {
            findings.push({ kind: 'lucene-parse', where, message: `the lucene parser rejects the query: ${errorText(error)}`, detail: result.query })
          }
        }
        if (target.id === 'kql') {
          stats?.count('kql queries parsed')
          const problems = kqlErrors(result.query)
          if (problems.length > 0) {
            findings.push({ kind: 'kql-parse', where, message: `Kusto: ${problems[0]!.code} ${problems[0]!.message}`, detail: result.query })
          }
        }
      }
    }
  }

  for (const document of resolved.documents) {
    if (document.type !== 'rule') continue
    for (const engine of options.engines) {
      if (!focused(engine.id)) continue
      let outcome
      try {
        outcome = checkRule(document, resolved, engine, { seed: options.seed, convert, keep: 3 })
      } catch (error) {
        findings.push({ kind: 'exception', where: engine.id, message: `the differential check threw: ${errorText(error)}`, detail: stackOf(error) })
        continue
      }
      if (outcome.status === 'crash') {
        findings.push({ kind: 'exception', where: engine.id, message: `convert threw: ${outcome.error.split('\n')[0]}`, detail: outcome.error })
        continue
      }
      if (outcome.status !== 'converted') continue
      const counted = outcome.underMatches + (engine.exactness === 'exact' ? outcome.overMatches : 0)
      stats?.compared(engine.id, outcome, counted, outcome.warnings.length > 0)
      if (outcome.engineError) {
        findings.push({ kind: 'engine-error', where: engine.id, message: `the engine rejects the query: ${outcome.engineError.split('\n')[0]}`, detail: outcome.query })
      } else if (counted > 0 && outcome.warnings.length === 0) {
        const sample = outcome.samples[0]!
        findings.push({
          kind: 'disagreement',
          where: engine.id,
          message: `${outcome.underMatches} missed, ${outcome.overMatches} false match(es)`,
          detail: `query: ${outcome.query}\nevent: ${JSON.stringify(sample.event)}\nreference evaluator: ${sample.expected}`,
        })
      }
    }
  }
  return findings
}

/** The fast reader (the default) against the `yaml` package: the same documents and the same diagnostics. */
function checkReaders(text: string, file: string, fast: SigmaCollection, findings: Finding[]): void {
  let slow: SigmaCollection
  try {
    slow = parseSigma(text, file, { placeholders: PLACEHOLDERS, yamlReader: 'yaml' })
  } catch (error) {
    findings.push({ kind: 'exception', where: 'parse', message: `parseSigma (yaml reader) threw: ${errorText(error)}`, detail: stackOf(error) })
    return
  }
  const diagnostics = (c: SigmaCollection) => c.diagnostics.map(formatDiagnostic).join('\n')
  const documents = (c: SigmaCollection) => JSON.stringify(c.documents.map((d) => ({ ...d, diagnostics: undefined })))
  if (diagnostics(fast) !== diagnostics(slow) || documents(fast) !== documents(slow)) {
    findings.push({
      kind: 'reader-mismatch',
      where: 'parse',
      message: diagnostics(fast) !== diagnostics(slow) ? 'the fast YAML reader and the yaml package report different diagnostics' : 'the fast YAML reader and the yaml package give different documents',
      detail: `fast:\n${diagnostics(fast)}\nyaml:\n${diagnostics(slow)}`,
    })
  }
}

function checkDiagnostics(diagnostics: readonly Diagnostic[], text: string, file: string, findings: Finding[]): void {
  const lineCount = text.split(/\r\n|\r|\n/).length
  for (const d of diagnostics) {
    if (d.code === 'internal-error') findings.push({ kind: 'internal-error', where: 'parse', message: d.message })
    const start = d.location?.start
    const located =
      d.location?.file === file &&
      start !== undefined &&
      Number.isInteger(start.line) &&
      Number.isInteger(start.column) &&
      start.line >= 1 &&
      start.column >= 1 &&
      start.line <= lineCount + 1 &&
      typeof d.code === 'string' &&
      d.code !== '' &&
      d.message.trim() !== ''
    if (!located) findings.push({ kind: 'unlocated-diagnostic', where: 'parse', message: `[${d.code}] ${d.message} at ${JSON.stringify(d.location?.start)}` })
  }
}

/** The stable part of a finding, for grouping repeats: kind, place and the message without its numbers and quoted text. */
export function signature(finding: Finding): string {
  const message = finding.message
    .replace(/`[^`]*`/g, '`…`')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .slice(0, 100)
  return `${finding.kind} ${finding.where.replace(/#.*/, '')} ${message}`
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined
}
