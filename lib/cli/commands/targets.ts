import type { Command } from 'commander'
import { targets } from '../../backends'
import { pipelines } from '../../pipelines'

export function registerTargets(program: Command): void {
  program
    .command('targets')
    .description('List conversion targets with their pipelines (the first is the default) and output formats')
    .option('--json', 'print the list as JSON')
    .action((options: { json?: boolean }) => {
      if (options.json) {
        const list = targets.map((t) => ({ ...t, pipelines: t.pipelines.map((id) => ({ id, label: pipelines[id]?.label ?? id })) }))
        process.stdout.write(JSON.stringify(list, null, 2) + '\n')
        return
      }
      const lines: string[] = []
      for (const target of targets) {
        lines.push(`${target.id}  ${target.label}`)
        lines.push(`  pipelines: ${target.pipelines.map((id, i) => (i === 0 ? `${id} (default)` : id)).join(', ')}`)
        lines.push(`  formats:   ${target.formats.join(', ')}`)
      }
      lines.push('', 'pipelines:')
      for (const pipeline of Object.values(pipelines)) lines.push(`  ${pipeline.id.padEnd(16)} ${pipeline.label}`)
      lines.push('', 'Any pipeline can be combined with any target; --pipeline also takes a YAML or JSON pipeline file.')
      process.stdout.write(lines.join('\n') + '\n')
    })
}
