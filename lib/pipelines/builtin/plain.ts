import { definePipeline } from '../pipeline'

/** No mapping at all: the rule's own field names, no data source. */
export const none = definePipeline({
  id: 'none',
  label: 'No mapping: field names as written in the rule',
})

/** One SQLite table with one column per field, named as in the rule. */
export const sqliteLogs = definePipeline({
  id: 'sqlite-logs',
  label: 'SQLite table `logs`, one column per rule field',
  targets: ['sqlite'],
  defaultDataSource: { table: 'logs' },
})

/**
 * JSON-lines logs (one flat JSON object per line, as `JSON.stringify`
 * writes it): makes `grep` look for each value inside its own
 * `"field":"value"` pair instead of anywhere on the line.
 */
export const jsonl = definePipeline({
  id: 'jsonl',
  label: 'JSON lines: one flat JSON object per line, field names as in the rule',
  targets: ['grep'],
  defaultDataSource: { lines: 'jsonl' },
})
