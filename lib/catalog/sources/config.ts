import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { RuleSource, SourceType } from './types'

/** `atlas.config.json` at the repository root. */
export const atlasConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  /**
   * Rule repositories built into the catalog besides `content/`: `{ "type": "sigma" | "elastic", "path": "…" }`
   * or a path string (`"elastic=../rules"`, or a bare path whose type is read from its files). Relative to the config file.
   */
  sources: z
    .array(z.union([z.string().min(1), z.strictObject({ type: z.enum(['sigma', 'elastic']), path: z.string().min(1) })]))
    .default([]),
})
export type AtlasConfig = z.infer<typeof atlasConfigSchema>

export const CONFIG_FILE = 'atlas.config.json'

/** A tree of `.toml` files is Elastic's; of `.yml`/`.yaml`, Sigma's (the first rule file found decides). */
export function detectSourceType(dir: string): SourceType | null {
  const stack = [dir]
  while (stack.length) {
    const current = stack.pop()!
    let entries
    try {
      entries = readdirSync(current, { withFileTypes: true })
    } catch {
      return null
    }
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith('.toml')) return 'elastic'
      if (entry.isFile() && /\.ya?ml$/.test(entry.name)) return 'sigma'
      if (entry.isDirectory() && !entry.name.startsWith('.')) stack.push(path.join(current, entry.name))
    }
  }
  return null
}

/** `elastic=../rules`, `sigma=rules/`, or a bare path (type detected). */
export function parseSourceSpec(spec: string, base: string): RuleSource {
  const match = /^(sigma|elastic)=(.+)$/.exec(spec.trim())
  const folder = path.resolve(base, match ? match[2]! : spec.trim())
  const type = (match?.[1] as SourceType | undefined) ?? detectSourceType(folder)
  if (!type) throw new Error(`Rule source ${spec}: no .yml or .toml rule files under ${folder}`)
  return { type, path: folder }
}

/**
 * The rule repositories to build besides `content/`, from (first match wins) the
 * `--sources` flag, `ATLAS_SOURCES` (paths separated by `:`), or `atlas.config.json`'s `sources`.
 */
export function resolveSources(options: { flag?: string; env?: string; root: string; cwd?: string }): RuleSource[] {
  const cwd = options.cwd ?? process.cwd()
  const list = options.flag ?? options.env
  if (list !== undefined)
    return list
      .split(':')
      .filter((s) => s.trim())
      .map((s) => parseSourceSpec(s, cwd))
  const file = path.join(options.root, CONFIG_FILE)
  if (!existsSync(file)) return []
  const parsed = atlasConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success) throw new Error(`${CONFIG_FILE}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return parsed.data.sources.map((s) =>
    typeof s === 'string' ? parseSourceSpec(s, options.root) : { type: s.type, path: path.resolve(options.root, s.path) },
  )
}
