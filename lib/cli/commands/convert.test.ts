import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { atlas, ROOT } from '../testing'

const FIXTURES = path.join(ROOT, 'lib/backends/__fixtures__')
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('atlas convert and atlas targets', () => {
  it('should print only the queries, a blank line between, and report what a target cannot say on stderr', async () => {
    const result = await atlas('convert', path.join(FIXTURES, 'seed-mmc.yml'), path.join(FIXTURES, 'keywords.yml'), path.join(FIXTURES, 'lists.yml'), '--target', 'sqlite')
    expect(result.code).toBe(1)
    const queries = result.stdout.trimEnd().split('\n\n')
    expect(queries).toHaveLength(2)
    for (const query of queries) expect(query).toMatch(/^SELECT \* FROM "logs" WHERE /)
    expect(result.stderr).toMatch(/keywords\.yml:\d+:\d+: error: SQLite has no column holding the whole event for a keyword search \[keyword-search\]/)
  })

  it('should print JSON records with the rule id, a user pipeline file applied', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-convert-'))
    const pipeline = path.join(dir, 'soc.yml')
    writeFileSync(pipeline, 'id: soc\nlabel: SOC\ndefaultDataSource: { table: events }\nfields: [{ map: { CommandLine: cmd } }]\n')
    const { stdout } = await atlas('convert', path.join(FIXTURES, 'seed-mmc.yml'), '--target', 'sqlite', '--pipeline', pipeline, '--json')
    const record = JSON.parse(stdout)
    expect(record).toMatchObject({ id: '7a1c0d8e-3b1f-4c4b-9a57-0d1e7c3c9b10', ok: true, target: 'sqlite', pipeline: 'soc', warnings: [] })
    expect(record.query).toMatch(/^SELECT \* FROM "events" WHERE .*NOT coalesce\("cmd" LIKE/)
  })

  it('should print each warning at the line and column of the field that causes it, not at the document', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-convert-'))
    const raw = path.join(dir, 'raw.yml')
    // The second selection is an exclusion a raw line cannot decide: grep leaves it out, with a warning.
    writeFileSync(
      raw,
      "title: t\nlogsource: { product: windows, category: process_creation }\ndetection:\n  selection:\n    Image|endswith: '\\cmd.exe'\n  filter:\n    CommandLine|contains: hello\n  condition: selection and not filter\n",
    )
    const grep = await atlas('convert', raw, '--target', 'grep')
    expect(grep.code).toBe(0)
    expect(grep.stderr).toMatch(new RegExp(`^${escape(raw)}:7:27: warning: the exclusion on CommandLine cannot be checked on a raw line, .* \\[weaker-conversion\\]\n$`))
    // A pipeline's warning about a field points at that field; the JSON record carries the location too.
    const linux = path.join(dir, 'linux.yml')
    writeFileSync(linux, "title: t\nlogsource: { product: linux, category: process_creation }\ndetection:\n  selection:\n    Image|endswith: /curl\n  other:\n    LogonId: '0x3e7'\n  condition: selection and other\n")
    const esql = await atlas('convert', linux, '--target', 'esql', '--json')
    expect(esql.stderr).toMatch(new RegExp(`^${escape(linux)}:7:14: warning: Field \`LogonId\` is not mapped to ECS .*\\[weaker-conversion\\]\n$`))
    expect(JSON.parse(esql.stdout).warnings).toEqual([
      { message: expect.stringContaining('Field `LogonId` is not mapped'), location: { file: linux, start: { line: 7, column: 14, offset: expect.any(Number) }, end: expect.any(Object) } },
    ])
  })

  it('should take the schedule, severity and risk score of the output formats from flags', async () => {
    const seed2 = path.join(ROOT, 'lib/backends/correlations/__fixtures__/seed-dcom-mmc.yml')
    const flags = ['--interval', '10m', '--lookback', '30m', '--max-alerts', '7', '--severity', 'critical', '--risk-score', '88']
    const { stdout } = await atlas('convert', seed2, '--target', 'eql', '--format', 'kibana-ndjson', ...flags)
    const rules = stdout.trimEnd().split('\n\n').map((r) => JSON.parse(r))
    expect(rules.find((r) => r.type === 'eql' && r.query.startsWith('sequence'))).toMatchObject({ risk_score: 88, severity: 'critical', interval: '10m', from: 'now-30m', max_signals: 7 })
    const bad = await atlas('convert', seed2, '--target', 'eql', '--risk-score', '101')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain("option '--risk-score <n>' argument '101' is invalid")
  })

  it('should locate the errors of a bad pipeline file and convert nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-convert-'))
    const pipeline = path.join(dir, 'bad.yml')
    writeFileSync(pipeline, 'id: soc\nlabel: SOC\nstrict: sometimes\n')
    const result = await atlas('convert', path.join(FIXTURES, 'seed-mmc.yml'), '--target', 'splunk', '--pipeline', pipeline)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(`${pipeline}:3:9: error: \`strict\`:`)
  })

  it('should list targets with their pipelines and formats', async () => {
    const { stdout } = await atlas('targets')
    expect(stdout).toMatch(/^sqlite {2}SQLite SQL\n {2}pipelines: sqlite-logs \(default\), sysmon, none\n {2}formats: {3}default$/m)
    const list = JSON.parse((await atlas('targets', '--json')).stdout)
    expect(list.find((t: { id: string }) => t.id === 'splunk')).toMatchObject({ language: 'spl', formats: expect.arrayContaining(['default', 'savedsearches']) })
  })
})
