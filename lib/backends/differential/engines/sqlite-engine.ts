import Database from 'better-sqlite3'
import { RE2JS } from 're2js'
import type { Expression } from '../../../sigma/nodes'
import type { EventValue, FlatEvent } from '../../../sigma/testing/event'
import { fieldsOf } from '../../../pipelines/map-expression'
import type { Engine, EngineVerdict } from '../types'

/**
 * Real SQLite (better-sqlite3, in memory). Each run loads the events into a
 * table named as the query names it (`logs` by default) with one column per
 * field the rule reads. Columns are declared without a type, so each value
 * keeps its JSON type (TEXT, INTEGER or REAL; NULL when absent), as a loader
 * of JSON events would store it; booleans are the text `'true'`/`'false'`,
 * as the sqlite target documents. `REGEXP` is registered as the target
 * documents it: `regexp(pattern, value)`, RE2 syntax through re2js, an
 * unanchored search returning 1 or 0, and NULL for a NULL value.
 */
export function createSqliteEngine(options: { pipeline?: string } = {}): Engine {
  const db = new Database(':memory:')
  const regexes = new Map<string, RE2JS>()
  db.function('regexp', { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (value === null || value === undefined) return null
    let regex = regexes.get(String(pattern))
    if (!regex) {
      regex = RE2JS.compile(String(pattern))
      regexes.set(String(pattern), regex)
    }
    return regex.matcher(String(value)).find() ? 1 : 0
  })
  return {
    id: options.pipeline && options.pipeline !== 'sqlite-logs' ? `sqlite-${options.pipeline}` : 'sqlite',
    target: 'sqlite',
    pipeline: options.pipeline,
    exactness: 'exact',
    newlines: true,
    run: (query, events, expression) => runSqlite(db, query, events, expression),
    close: () => db.close(),
  }
}

function runSqlite(db: Database.Database, query: string, events: readonly FlatEvent[], expression: Expression): EngineVerdict {
  const table = /\bFROM\s+("(?:[^"]|"")+"|[A-Za-z_][\w]*)/i.exec(query)?.[1] ?? '"logs"'
  const columns = fieldsOf(expression)
  try {
    db.exec(`DROP TABLE IF EXISTS ${table}`)
    db.exec(`CREATE TABLE ${table} ("__row" INTEGER PRIMARY KEY${columns.map((c) => `, ${ident(c)}`).join('')})`)
    const insert = db.prepare(
      `INSERT INTO ${table} ("__row"${columns.map((c) => `, ${ident(c)}`).join('')}) VALUES (?${', ?'.repeat(columns.length)})`,
    )
    db.transaction(() => {
      events.forEach((event, row) => insert.run(row, ...columns.map((c) => sqlValue(event[c]))))
    })()
    const rows = db.prepare(`SELECT "__row" FROM (${query})`).pluck().all() as number[]
    const hit = new Set(rows)
    return { ok: true, matched: events.map((_, row) => hit.has(row)) }
  } catch (error) {
    return { ok: false, error: `SQLite: ${(error as Error).message}` }
  }
}

function sqlValue(value: EventValue | undefined): string | number | bigint | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'boolean') return String(value)
  // better-sqlite3 binds every JS number as REAL (6 would be stored as 6.0); a JSON integer is an INTEGER.
  if (Number.isSafeInteger(value)) return BigInt(value)
  return value
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
