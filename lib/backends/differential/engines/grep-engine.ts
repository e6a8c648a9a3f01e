import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FlatEvent } from '../../../sigma/testing/event'
import type { Engine, EngineVerdict } from '../types'

/**
 * Real GNU `grep -P -a -n` (binary bytes such as NUL read as text) over a file with one event per line, in a UTF-8
 * locale (so PCRE reads characters, not bytes). The query is either the
 * bare pattern or a `grep -P '…'` command line, whose single-quoted argument
 * is taken as the shell would.
 *
 * - `raw`: the line is the event as a raw log line (`rawLine`); the format
 *   has no field boundaries, so matching where the rule does not is counted
 *   apart; events with a line break in a value cannot be written and are skipped.
 * - `raw-line-exclusions`: raw lines again, with the query of that pipeline
 *   (the first seed's reading, a `not` excluding the whole line): its misses on
 *   rules that warn about it are counted apart (`missesWarned`).
 * - `jsonl`: the line is `JSON.stringify(event)`, the field-aware form
 *   (pipeline `jsonl`); every disagreement counts.
 */
export interface GrepEngineOptions {
  readonly form: 'raw' | 'raw-line-exclusions' | 'jsonl'
  /** How an event is written as one raw line (default: values joined by a space). */
  readonly rawLine?: (event: FlatEvent) => string
  readonly timeoutMs?: number
}

export function createGrepEngine(options: GrepEngineOptions): Engine {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-grep-'))
  const file = path.join(dir, 'events.log')
  const line = options.form === 'jsonl' ? (e: FlatEvent) => JSON.stringify(e) : (options.rawLine ?? defaultRawLine)
  return {
    id: options.form === 'raw' ? 'grep' : `grep-${options.form}`,
    target: 'grep',
    pipeline: options.form === 'raw' ? undefined : options.form,
    exactness: options.form === 'jsonl' ? 'exact' : 'field-less',
    missesWarned: options.form === 'raw-line-exclusions',
    newlines: options.form === 'jsonl',
    keywordFields: ['Message'],
    accepts: options.form === 'jsonl' ? undefined : (event) => !/[\r\n]/.test(line(event)),
    run: (query, events) => runGrep(query, events.map(line), file, options.timeoutMs ?? 20_000),
    close: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A raw log line: the values in field order, separated by one space. */
export function defaultRawLine(event: FlatEvent): string {
  return Object.values(event)
    .filter((v) => v !== null)
    .map(String)
    .join(' ')
}

function runGrep(query: string, lines: readonly string[], file: string, timeout: number): EngineVerdict {
  const pattern = grepPattern(query)
  if (pattern === undefined) return { ok: false, error: 'not a grep -P pattern or command' }
  writeFileSync(file, lines.map((l) => l + '\n').join(''))
  const result = spawnSync('grep', ['-P', '-a', '-n', '-e', pattern, file], {
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  })
  if (result.error) return { ok: false, error: `grep: ${result.error.message}` }
  if (result.status !== 0 && result.status !== 1) return { ok: false, error: `grep exited ${result.status}: ${result.stderr.trim()}` }
  const hit = new Set<number>()
  for (const out of result.stdout.split('\n')) {
    const n = /^(\d+):/.exec(out)
    if (n) hit.add(Number(n[1]) - 1)
  }
  return { ok: true, matched: lines.map((_, i) => hit.has(i)) }
}

/** The pattern of a query: itself, or the single-quoted argument of `grep -P '…'` (with `'\''` for a quote). */
export function grepPattern(query: string): string | undefined {
  const text = query.trim()
  if (!text.startsWith('grep ')) return text
  const match = /^grep\s+(?:-\w+\s+)*((?:'[^']*'|\\')+)\s*(?:\S+)?$/.exec(text)
  if (!match) return undefined
  return match[1]!.replace(/'([^']*)'|\\'/g, (_, inner: string | undefined) => inner ?? "'")
}
