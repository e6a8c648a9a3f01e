import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { assignSlugs, discover } from '../../catalog/sources/discover'
import { elasticPage, sigmaPage } from '../../catalog/sources/import-page'

/**
 * `atlas import sigma|elastic <dir> --out content/rules`: one MDX page per rule of a
 * rule tree, for teams that want to own and annotate their rules. The detection is
 * kept exactly; the guide is the rule's own note (Elastic) or a skeleton to fill in.
 * Existing pages are kept unless --force; every rule that cannot be imported is reported.
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Write one content page (MDX) per rule of a Sigma or Elastic detection-rules tree')
    .argument('<type>', 'sigma or elastic')
    .argument('<dir>', 'the rule tree')
    .option('--out <dir>', 'where to write the pages', 'content/rules')
    .option('--force', 'overwrite pages that exist')
    .action((type: string, dir: string, options: { out: string; force?: boolean }) => {
      if (type !== 'sigma' && type !== 'elastic') {
        process.stderr.write(`atlas import: the type is sigma or elastic, not \`${type}\`\n`)
        process.exitCode = 2
        return
      }
      if (!existsSync(dir)) {
        process.stderr.write(`${dir}:1:1: error: no such folder [read-error]\n`)
        process.exitCode = 1
        return
      }
      const entries = discover({ type, path: path.resolve(dir) })
      const slugs = assignSlugs(entries)
      mkdirSync(options.out, { recursive: true })
      let written = 0
      let kept = 0
      let own = 0
      let failed = 0
      entries.forEach((entry, i) => {
        const target = path.join(options.out, `${slugs[i]}.mdx`)
        if (existsSync(target) && !options.force) {
          kept++
          return
        }
        const text = readFileSync(entry.absolute, 'utf8')
        const result = type === 'sigma' ? sigmaPage(text) : elasticPage(text, target)
        if (!result.ok) {
          process.stderr.write(`${entry.display}:1:1: error: not imported: ${result.reason} [import-skipped]\n`)
          failed++
          return
        }
        writeFileSync(target, result.page)
        written++
        if (result.note === 'own') own++
      })
      process.stdout.write(
        `✓ ${written} page(s) written to ${options.out} (${own} with the rule's own guide, ${written - own} with a guide skeleton)` +
          `${kept ? `, ${kept} existing kept (--force to overwrite)` : ''}${failed ? `, ${failed} not imported (listed above)` : ''}\n`,
      )
      if (failed) process.exitCode = 1
    })
}
