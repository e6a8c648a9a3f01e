import { readFileSync } from 'node:fs'
import { InvalidArgumentError, type Command } from 'commander'
import { convert, targets, type ConversionResult, type RuleFacts } from '../../backends'
import { loadPipeline, pipelines, type Pipeline } from '../../pipelines'
import { formatDiagnostic, formatLocation, resolveCollection, type Diagnostic } from '../../sigma'
import { loadSigmaFiles, readProblem, sigmaFiles } from './validate'

interface ConvertOptions {
  target: string
  pipeline: string[]
  format: string
  json: boolean
  interval?: string
  lookback?: string
  maxAlerts?: number
  severity?: NonNullable<RuleFacts['severity']>
  riskScore?: number
}

const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const

function duration(value: string): string {
  if (!/^\d+[smhd]$/.test(value)) throw new InvalidArgumentError('expected a duration such as 5m, 1h or 30s')
  return value
}

function integerIn(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value)
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`)
    return n
  }
}

function level(value: string): NonNullable<RuleFacts['severity']> {
  const found = LEVELS.find((l) => l === value.toLowerCase())
  if (!found) throw new InvalidArgumentError(`expected one of ${LEVELS.join(', ')}`)
  return found
}

/** The schedule, severity and risk score given on the command line, for the output formats. */
function factsOf(options: ConvertOptions): RuleFacts {
  const schedule = {
    ...(options.interval !== undefined ? { interval: options.interval } : {}),
    ...(options.lookback !== undefined ? { lookback: options.lookback } : {}),
    ...(options.maxAlerts !== undefined ? { maxAlerts: options.maxAlerts } : {}),
  }
  return {
    ...(Object.keys(schedule).length > 0 ? { schedule } : {}),
    ...(options.severity !== undefined ? { severity: options.severity } : {}),
    ...(options.riskScore !== undefined ? { riskScore: options.riskScore } : {}),
  }
}

/** A `--pipeline` value: a built-in id, or a YAML/JSON pipeline file. */
function resolvePipeline(value: string, problems: Diagnostic[]): Pipeline | string | undefined {
  if (pipelines[value]) return value
  let text: string
  try {
    text = readFileSync(value, 'utf8')
  } catch (error) {
    problems.push({ ...readProblem(value, error), code: 'unknown-pipeline', message: `\`${value}\` is neither a built-in pipeline (${Object.keys(pipelines).join(', ')}) nor a readable file` })
    return undefined
  }
  const loaded = loadPipeline(text, value)
  if (loaded.ok) return loaded.pipeline
  problems.push(...loaded.diagnostics)
  return undefined
}

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('Convert Sigma rules into a SIEM query language')
    .argument('<paths...>', 'Sigma files or folders (searched for .yml/.yaml)')
    .requiredOption('-t, --target <target>', `target language: ${targets.map((t) => t.id).join(', ')}`)
    .option('-p, --pipeline <id|file>', 'processing pipeline, built-in id or YAML/JSON file (repeatable, applied in order; default: the target\'s)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('-f, --format <format>', 'output format (`atlas targets` lists each target\'s)', 'default')
    .option('--json', 'print one JSON object per document: id, title, file, target, query or reason, warnings (message and location)')
    .option('--interval <duration>', 'output formats: how often the rule runs (5m, 1h, 30s; default 5m)', duration)
    .option('--lookback <duration>', 'output formats: how far back each run searches (default 9m, or the interval when --interval is given; a correlation gets at least interval + timespan)', duration)
    .option('--max-alerts <n>', 'output formats: most alerts per run (default 100)', integerIn(1, 1_000_000))
    .option('--severity <level>', `output formats: severity instead of the rule's level (${LEVELS.join(', ')})`, level)
    .option('--risk-score <n>', 'output formats: Elastic risk score 0-100 instead of the one of the severity (21, 47, 73, 99)', integerIn(0, 100))
    .addHelpText(
      'after',
      [
        '',
        'Plain output prints only the queries, one per converted rule with a blank line between, so it pipes.',
        'What a target cannot express is reported on stderr as file:line:col: error: reason [code]; warnings',
        '(a valid but weaker query) likewise, at the field or value that weakens it (else the document).',
        'Exit status: 0 when every rule converted, 1 otherwise.',
        '',
        'Examples:',
        '  atlas convert rules/windows --target splunk',
        '  atlas convert rule.yml --target grep --pipeline jsonl',
        '  atlas convert rule.yml --target sqlite --pipeline ./my-pipeline.yml --json',
        '  atlas convert rule.yml --target eql --format kibana-ndjson --interval 5m --lookback 9m --max-alerts 100 --severity high --risk-score 73',
        '',
        'The schedule, severity and risk score flags only change the output formats (watcher, kibana-ndjson,',
        'savedsearches, sentinel); the query is the same.',
      ].join('\n'),
    )
    .action((paths: string[], options: ConvertOptions) => {
      const problems: Diagnostic[] = []
      const chosen = options.pipeline.map((p) => resolvePipeline(p, problems)).filter((p): p is Pipeline | string => p !== undefined)
      const { files, problems: unreadable } = sigmaFiles(paths)
      problems.push(...unreadable)
      const resolved = resolveCollection(loadSigmaFiles(files))
      const { collection } = resolved
      problems.push(...collection.diagnostics)
      const facts = factsOf(options)
      const out: string[] = []
      const records: object[] = []
      // A pipeline that did not load stops the run: converting without it would give other queries.
      let failed = chosen.length !== options.pipeline.length
      if (!failed) {
        for (const document of collection.documents) {
          if (document.type === 'filter') continue
          const result: ConversionResult = convert(document, collection, {
            target: options.target,
            format: options.format,
            ...(chosen.length > 0 ? { pipeline: chosen } : {}),
            facts,
          })
          const where = formatLocation(document.location)
          if (result.ok) {
            out.push(result.query)
            for (const warning of result.warnings)
              process.stderr.write(`${warning.location ? formatLocation(warning.location) : where}: warning: ${warning.message} [weaker-conversion]\n`)
          } else {
            failed = true
            process.stderr.write(`${result.location ? formatLocation(result.location) : where}: error: ${result.reason} [${result.code}]\n`)
          }
          records.push({ id: document.id ?? null, title: document.title, file: document.location.file, ...result })
          if (result.ok === false && result.code === 'unknown-target') break
        }
      }
      for (const d of problems) process.stderr.write(formatDiagnostic(d) + '\n')
      if (options.json) process.stdout.write(records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''))
      else if (out.length > 0) process.stdout.write(out.join('\n\n') + '\n')
      process.exitCode = failed || problems.some((d) => d.severity === 'error') ? 1 : 0
    })
}
