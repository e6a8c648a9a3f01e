import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { bracketsTooDeep, evaluateCorrelation, formatDiagnostic, LIMITS, matches, resolveCollection, type Diagnostic, type SigmaCorrelation } from '../../sigma'
import { loadSigmaFiles, placeholderOption, readProblem } from './validate'

class UsageError extends Error {}

/** The events of a JSON Lines file with their 1-based line numbers; a bad line is a located error. */
function readEvents(file: string): { line: number; event: unknown }[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UsageError(formatDiagnostic(readProblem(file, error)))
  }
  const events: { line: number; event: unknown }[] = []
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return
    const deep = bracketsTooDeep(raw)
    if (deep !== undefined)
      throw new UsageError(`${file}:${index + 1}:${deep + 1}: error: Invalid event: nested deeper than ${LIMITS.maxDepth} levels (LIMITS.maxDepth) [bad-event]`)
    try {
      const event: unknown = JSON.parse(raw)
      if (event === null || typeof event !== 'object' || Array.isArray(event)) throw new Error('expected a JSON object')
      events.push({ line: index + 1, event })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new UsageError(`${file}:${index + 1}:1: error: Invalid event: ${reason} [bad-event]`)
    }
  })
  return events
}

export function registerMatch(program: Command): void {
  program
    .command('match')
    .description('Print the line numbers of the events a Sigma rule (or correlation) matches')
    .argument('<rule-file>', 'a Sigma file: a rule, or a correlation with its base rules')
    .argument('<events>', 'events as JSON Lines, one object per line')
    .option('--timestamp-field <field>', 'event time field for correlations (default: @timestamp, else timestamp)')
    .option('--placeholder <name=values>', 'values of a %name% placeholder, comma-separated (repeatable)', placeholderOption)
    .addHelpText(
      'after',
      '\nStdout: the 1-based line numbers of matching events, one per line, and nothing else.\n' +
        'For a correlation: the lines of the events in the groups that fire.\n' +
        'Exit status: 0 whether or not anything matched; 2 for a bad rule or a bad event line.',
    )
    .action((ruleFile: string, eventsFile: string, options: { timestampField?: string; placeholder?: Record<string, string[]> }) => {
      const matchOptions = { placeholders: options.placeholder, timestampField: options.timestampField }
      try {
        const resolved = resolveCollection(loadSigmaFiles([ruleFile], options.placeholder))
        // A correlation whose rules are not in the file cannot be evaluated: its dangling references count as errors here.
        const errors = resolved.collection.diagnostics.filter((d: Diagnostic) => d.severity === 'error' || d.code === 'unknown-rule-reference')
        if (errors.length) throw new UsageError(errors.map(formatDiagnostic).join('\n'))
        const { documents } = resolved.collection
        if (documents.length === 0) throw new UsageError(`${ruleFile}:1:1: error: No Sigma rule in the file [no-rule]`)
        const events = readEvents(eventsFile)
        const referenced = new Set([...resolved.references.values()].flat())
        const correlations = documents.filter((d): d is SigmaCorrelation => d.type === 'correlation' && !referenced.has(d))
        const lines = new Set<number>()
        if (correlations.length) {
          const stream = events.map((e) => e.event)
          for (const correlation of correlations) {
            const result = evaluateCorrelation(correlation, resolved.lookup, stream, matchOptions)
            if (result.problems.length) {
              const { index, message } = result.problems[0]!
              throw new UsageError(`${eventsFile}:${events[index]!.line}:1: error: ${message} [bad-event]`)
            }
            for (const group of result.fired) for (const index of group.events) lines.add(events[index]!.line)
          }
        } else {
          for (const { line, event } of events) {
            if (documents.some((d) => d.type === 'rule' && matches(d.expression, event, matchOptions))) lines.add(line)
          }
        }
        const out = [...lines].sort((a, b) => a - b)
        if (out.length) process.stdout.write(out.join('\n') + '\n')
        process.exitCode = 0
      } catch (error) {
        process.stderr.write((error instanceof UsageError ? error.message : `error: ${error instanceof Error ? error.message : String(error)}`) + '\n')
        process.exitCode = 2
      }
    })
}
