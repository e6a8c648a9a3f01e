import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { formatDiagnostic, parseSigma, resolveCollection, type Diagnostic, type SigmaCollection } from '../../sigma'
import { ruleFileProblem } from '../../catalog/sources/rule-file'

/** Every `.yml`/`.yaml` file under the given files and folders, sorted; unreadable paths as diagnostics. */
export function sigmaFiles(paths: readonly string[]): { files: string[]; problems: Diagnostic[] } {
  const files: string[] = []
  const problems: Diagnostic[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.ya?ml$/i.test(entry.name)) files.push(full)
    }
  }
  for (const input of paths) {
    try {
      if (statSync(input).isDirectory()) walk(input)
      else files.push(input)
    } catch (error) {
      problems.push(readProblem(input, error))
    }
  }
  return { files, problems }
}

export function readProblem(file: string, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error)
  return { severity: 'error', code: 'read-error', message: `Cannot read: ${reason}`, location: { file, start: { line: 1, column: 1, offset: 0 } } }
}

/** `--placeholder name=a,b` options as a placeholder map. */
export function placeholderOption(value: string, previous: Record<string, string[]> = {}): Record<string, string[]> {
  const eq = value.indexOf('=')
  if (eq <= 0) throw new Error(`Expected --placeholder NAME=VALUE[,VALUE...], got \`${value}\``)
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1).split(',') }
}

export function loadSigmaFiles(files: readonly string[], placeholders?: Record<string, string[]>): SigmaCollection[] {
  return files.map((file) => {
    try {
      // Stat first: a file over the limit, or a device that would never end, is reported without being read.
      const problem = ruleFileProblem(file, file, { follow: true })
      if (problem) return { documents: [], diagnostics: [problem] }
      return parseSigma(readFileSync(file, 'utf8'), file, { placeholders })
    } catch (error) {
      return { documents: [], diagnostics: [readProblem(file, error)] }
    }
  })
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Validate Sigma rules, correlations and filters; print every problem and a summary')
    .argument('<paths...>', 'Sigma files or folders (searched for .yml/.yaml)')
    .option('--placeholder <name=values>', 'values of a %name% placeholder, comma-separated (repeatable)', placeholderOption)
    .option('--no-warnings', 'print errors only (warnings are still counted)')
    .addHelpText('after', '\nExit status: 0 when no rule has an error, 1 otherwise.\nEach problem: file:line:col: error|warning: message [code]')
    .action((paths: string[], options: { placeholder?: Record<string, string[]>; warnings: boolean }) => {
      const { files, problems } = sigmaFiles(paths)
      const resolved = resolveCollection(loadSigmaFiles(files, options.placeholder))
      const diagnostics = [...problems, ...resolved.collection.diagnostics]
      const errors = diagnostics.filter((d) => d.severity === 'error').length
      const lines = diagnostics.filter((d) => options.warnings || d.severity === 'error').map(formatDiagnostic)
      const count = resolved.collection.documents.length
      lines.push(`${count} ${count === 1 ? 'rule' : 'rules'}, ${errors} ${errors === 1 ? 'error' : 'errors'}, ${diagnostics.length - errors} ${diagnostics.length - errors === 1 ? 'warning' : 'warnings'}`)
      process.stdout.write(lines.join('\n') + '\n')
      process.exitCode = errors ? 1 : 0
    })
}
