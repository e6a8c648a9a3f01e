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

/**
 * Raw log lines read as the first seed's grep reads them: a `not` excludes a
 * line wherever the excluded value appears, even in another field, so events
 * can be missed (each such rule carries a warning). grep's default reading
 * drops those exclusions instead and only over-matches.
 */
export const rawLineExclusions = definePipeline({
  id: 'raw-line-exclusions',
  label: "Raw lines, exclusions applied to the whole line (the first seed's grep; may miss events)",
  targets: ['grep'],
  defaultDataSource: { lines: 'raw-line-exclusions' },
})
