import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseSigma, resolveCollection } from '../../sigma'
import { convert } from '../index'
import { SQLITE_TIME_COLUMN } from './sqlite'
import { openLogs } from './test-sqlite'

/**
 * The second seed as a Sigma temporal_ordered correlation (network rule, then
 * process rule, grouped by host, within 1m), over events where it must fire
 * for host-a only: host-b has the two in the wrong order, host-c 90 s apart,
 * host-d's connection comes from loopback, host-e/host-f are different hosts,
 * host-g's source port is not dynamic.
 */
const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '../../..')
const ruleFile = path.join(here, '__fixtures__/seed-dcom-mmc.yml')
const eventsFile = path.join(here, '__fixtures__/seed-dcom-mmc.events.jsonl')
const events = readFileSync(eventsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)

describe('seed 2 correlation over events', () => {
  it('should make `atlas match` fire only for the host where both happen in order within a minute', () => {
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'bin/atlas.mjs'), 'match', ruleFile, eventsFile], { encoding: 'utf8' })
    expect(out.trim().split('\n').map(Number)).toEqual([1, 2])
  })

  it('should make the sqlite conversion, run by SQLite, find the same host', () => {
    const collection = resolveCollection([parseSigma(readFileSync(ruleFile, 'utf8'), 'seed-dcom-mmc.yml')]).collection
    const correlation = collection.documents.find((d) => d.type === 'correlation')!
    const result = convert(correlation, collection, { target: 'sqlite' })
    if (!result.ok) throw new Error(result.reason)
    expect(result.warnings).toEqual([])
    const columns = [...new Set(events.flatMap((e) => Object.keys(e)).filter((k) => k !== '@timestamp'))]
    const db = openLogs([SQLITE_TIME_COLUMN, ...columns])
    const insert = db.prepare(`INSERT INTO logs VALUES (${[SQLITE_TIME_COLUMN, ...columns].map(() => '?').join(', ')})`)
    for (const event of events) insert.run(event['@timestamp'], ...columns.map((c) => (event[c] === undefined ? null : event[c])))
    const rows = db.prepare(result.query).all() as Record<string, unknown>[]
    expect(rows.map((row) => row.ComputerName)).toEqual(['host-a'])
    db.close()
  })
})
