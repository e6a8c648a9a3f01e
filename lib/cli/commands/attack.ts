import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { compactFromStix, resolveTags, serializeCompact } from '../../attack'

const DEFAULT_OUT = fileURLToPath(new URL('../../attack/data/enterprise-attack.json', import.meta.url))

/** `atlas attack import` and `atlas attack tags`. */
export function registerAttack(program: Command): void {
  const attack = program.command('attack').description('MITRE ATT&CK data: import a new release, resolve tags')

  attack
    .command('import')
    .description("regenerate the compact ATT&CK table from MITRE's Enterprise STIX 2.1 bundle (enterprise-attack.json)")
    .argument('<bundle>', 'the STIX bundle, e.g. enterprise-attack-18.1.json from mitre-attack/attack-stix-data')
    .option('--out <file>', 'where to write the table', path.relative(process.cwd(), DEFAULT_OUT))
    .option('--source <text>', 'what to record as the source (default: the bundle file name and id)')
    .option('--attack-version <version>', 'ATT&CK release, when the bundle has no x-mitre-collection object')
    .action(async (bundlePath: string, opts: { out: string; source?: string; attackVersion?: string }) => {
      let bundle: unknown
      try {
        bundle = JSON.parse(await readFile(bundlePath, 'utf8'))
      } catch (e) {
        console.error(`${bundlePath}:1:1: error: cannot read the bundle: ${(e as Error).message} [attack-import]`)
        process.exitCode = 1
        return
      }
      const id = (bundle as { id?: unknown })?.id
      const source = opts.source ?? `${path.basename(bundlePath)}${typeof id === 'string' ? ` (${id})` : ''}`
      const { data, diagnostics } = compactFromStix(bundle, { source, version: opts.attackVersion })
      for (const d of diagnostics) console.error(`${bundlePath}:1:1: ${d.severity}: ${d.message} [attack-import]`)
      if (!data) {
        process.exitCode = 1
        return
      }
      await writeFile(opts.out, serializeCompact(data))
      const subs = data.techniques.filter((t) => t.parent !== null).length
      const revoked = data.techniques.filter((t) => t.revoked).length
      const deprecated = data.techniques.filter((t) => t.deprecated).length
      console.log(
        `wrote ${opts.out}: ATT&CK ${data.version} ${data.domain}, ${data.tactics.length} tactics, ` +
          `${data.techniques.length} techniques (${subs} sub-techniques, ${revoked} revoked, ${deprecated} deprecated)`,
      )
    })

  attack
    .command('tags')
    .description('resolve Sigma ATT&CK tags (attack.t1021.003, attack.lateral-movement) against the bundled data')
    .argument('<tags...>')
    .option('--json', 'print the resolution as JSON')
    .action((tags: string[], opts: { json?: boolean }) => {
      const result = resolveTags(tags)
      if (opts.json) {
        console.log(JSON.stringify(result, null, 2))
      } else {
        for (const e of result.entries) {
          const name = 'name' in e && e.name ? ` ${e.name}` : ''
          console.log(`${e.source}\t${e.kind}\t${e.id ?? (e.kind === 'tactic' ? e.shortname : '')}${name}\t${e.url}`)
        }
        for (const d of result.diagnostics) console.error(`${d.severity}: ${d.message} [${d.code}]`)
      }
      if (result.diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1
    })
}
