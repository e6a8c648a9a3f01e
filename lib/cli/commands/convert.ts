import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { convert, targets, type ConversionResult } from '../../backends'
import { loadPipeline, pipelines, type Pipeline } from '../../pipelines'
import { formatDiagnostic, formatLocation, resolveCollection, type Diagnostic } from '../../sigma'
import { loadSigmaFiles, readProblem, sigmaFiles } from './validate'

interface ConvertOptions {
  target: string
  pipeline: string[]
  format: string
  json: boolean
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
    .option('--json', 'print one JSON object per document: id, title, file, target, query or reason, warnings')
    .addHelpText(
      'after',
      [
        '',
        'Plain output prints only the queries, one per converted rule with a blank line between, so it pipes.',
        'What a target cannot express is reported on stderr as file:line:col: error: reason [code]; warnings',
        '(a valid but weaker query) likewise. Exit status: 0 when every rule converted, 1 otherwise.',
        '',
        'Examples:',
        '  atlas convert rules/windows --target splunk',
        '  atlas convert rule.yml --target grep --pipeline jsonl',
        '  atlas convert rule.yml --target sqlite --pipeline ./my-pipeline.yml --json',
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
          })
          const where = formatLocation(document.location)
          if (result.ok) {
            out.push(result.query)
            for (const warning of result.warnings) process.stderr.write(`${where}: warning: ${warning} [weaker-conversion]\n`)
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
