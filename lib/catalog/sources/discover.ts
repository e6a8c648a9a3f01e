import { readdirSync } from 'node:fs'
import path from 'node:path'
import type { RuleSource, SourceType } from './types'

/** One rule file found in a source, before it is read. */
export interface SourceEntry {
  readonly type: SourceType
  readonly absolute: string
  /** As diagnostics print it: relative to the working directory. */
  readonly display: string
  /** The page URL segment it asks for (made unique across sources by `assignSlugs`). */
  readonly baseSlug: string
}

const EXTENSIONS: Record<SourceType, RegExp> = { content: /\.mdx?$/, sigma: /\.ya?ml$/, elastic: /\.toml$/ }

/** The longest slug: a page is `<slug>/index.html` and `<slug>.json` files, well under any file system's 255-byte names. */
export const MAX_SLUG_LENGTH = 120

/** Names Windows cannot create as files or folders, whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/

/**
 * Why a slug cannot be a page's URL segment (and file name), or undefined when it can:
 * lower-case letters, digits and hyphens only (so no `..`, `/`, `\`, NUL or absolute path),
 * at most `MAX_SLUG_LENGTH` characters, not a Windows device name.
 */
export function slugProblem(slug: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) return 'use lower-case letters, digits and hyphens'
  if (slug.length > MAX_SLUG_LENGTH) return `it is ${slug.length} characters long, at most ${MAX_SLUG_LENGTH} are allowed`
  if (WINDOWS_RESERVED.test(slug)) return `\`${slug}\` is a reserved device name on Windows`
  return undefined
}

/**
 * `proc_creation_win_mmc_susp_child.yml` → `proc-creation-win-mmc-susp-child`: always a safe
 * slug (see `slugProblem`), cut to `MAX_SLUG_LENGTH`, `-rule` after a Windows device name.
 */
export function slugOf(name: string): string {
  const slug =
    name
      .replace(/\.[^.]+$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, MAX_SLUG_LENGTH)
      .replace(/^-+|-+$/g, '') || 'rule'
  return WINDOWS_RESERVED.test(slug) ? `${slug}-rule` : slug
}

/**
 * Why a rule id cannot be the folder of its stable link `/r/<id>/`, or undefined when it can:
 * letters, digits, `.`, `_` and `-`, starting with a letter or digit (so no `..`, `/` or NUL),
 * at most `MAX_SLUG_LENGTH` characters, not a Windows device name.
 */
export function idProblem(id: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id) || id.includes('..')) return 'use letters, digits, `.`, `_` and `-` (it names the folder of its /r/<id>/ link)'
  if (id.length > MAX_SLUG_LENGTH) return `it is ${id.length} characters long, at most ${MAX_SLUG_LENGTH} are allowed`
  if (WINDOWS_RESERVED.test(id.toLowerCase().replace(/\..*$/, ''))) return `\`${id}\` is a reserved device name on Windows`
  return undefined
}

/** Every rule file of a source, in a stable order (sorted paths); dot-folders are skipped. */
export function discover(source: RuleSource, cwd = process.cwd()): SourceEntry[] {
  const out: SourceEntry[] = []
  const pattern = EXTENSIONS[source.type]
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (source.type !== 'content') walk(full)
      } else if (pattern.test(entry.name)) {
        out.push({
          type: source.type,
          absolute: full,
          display: path.relative(cwd, full) || full,
          baseSlug: source.type === 'content' ? entry.name.replace(/\.mdx?$/, '') : slugOf(entry.name),
        })
      }
    }
  }
  walk(source.path)
  return out
}

/**
 * One slug per entry: content pages keep their file name (it is their URL); an
 * imported rule whose name is taken gets its source type appended, then a number.
 */
export function assignSlugs(entries: readonly SourceEntry[]): string[] {
  const taken = new Set<string>()
  const slugs = new Array<string>(entries.length)
  const order = entries.map((e, i) => i).sort((a, b) => Number(entries[a]!.type !== 'content') - Number(entries[b]!.type !== 'content') || a - b)
  for (const i of order) {
    const entry = entries[i]!
    let slug = entry.baseSlug
    if (taken.has(slug) && entry.type !== 'content') {
      // The suffix replaces the end of a long slug: it stays within MAX_SLUG_LENGTH.
      const suffixed = (suffix: string) => `${entry.baseSlug.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`
      slug = suffixed(`-${entry.type}`)
      for (let n = 2; taken.has(slug); n++) slug = suffixed(`-${entry.type}-${n}`)
    }
    taken.add(slug)
    slugs[i] = slug
  }
  return slugs
}
