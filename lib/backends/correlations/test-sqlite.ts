import Database from 'better-sqlite3'
import { RE2JS } from 're2js'

/**
 * An in-memory SQLite database with the `regexp(pattern, value)` function the
 * sqlite target documents (RE2 syntax through re2js, an unanchored search,
 * NULL for a NULL value) and a `logs` table with the given columns.
 */
export function openLogs(columns: readonly string[]): Database.Database {
  const db = new Database(':memory:')
  const regexes = new Map<string, RE2JS>()
  db.function('regexp', { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (value === null || value === undefined) return null
    const key = String(pattern)
    const regex = regexes.get(key) ?? RE2JS.compile(key)
    regexes.set(key, regex)
    return regex.matcher(String(value)).find() ? 1 : 0
  })
  db.exec(`CREATE TABLE logs (${columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ')})`)
  return db
}
