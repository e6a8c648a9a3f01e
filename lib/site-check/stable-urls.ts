import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { LinkCheckRule } from './check-links'

/**
 * The committed list of URLs that must never lose their page (`reports/stable-urls.txt`):
 * the pages and `/r/<id>/` links of the project's own rules (`content/rules`). A URL
 * may be added, never removed: `--update` only adds.
 */

const HEADER = [
  '# URLs of the project\'s own rules that must keep their page (issue 8, item 5).',
  '# Checked by scripts/check-links.ts on every build; a URL may be added, never removed.',
  '# Add new ones with: npx tsx scripts/check-links.ts out --update',
]

/** The URLs of a list file (blank lines and `#` comments skipped); none when it does not exist. */
export function readStableList(file: string): string[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
}

/** The URLs a rule of the project must keep: its page and its stable link. */
export function ruleStableUrls(rules: readonly LinkCheckRule[]): string[] {
  return rules.flatMap((rule) => [`/rules/${rule.slug}/`, `/r/${rule.id}/`])
}

/** URLs of `current` that the list does not have yet, in order. */
export function unlisted(listed: readonly string[], current: readonly string[]): string[] {
  const known = new Set(listed)
  return [...new Set(current)].filter((url) => !known.has(url))
}

/** Writes the list with `added` (sorted, nothing removed); returns how many were new. */
export function addToStableList(file: string, added: readonly string[]): number {
  const listed = readStableList(file)
  const fresh = unlisted(listed, added)
  const urls = [...new Set([...listed, ...fresh])].sort()
  writeFileSync(file, [...HEADER, ...urls].join('\n') + '\n')
  return fresh.length
}
