import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { RE2JS } from 're2js'
import { describe, expect, it } from 'vitest'
import { parseSigma } from '../sigma'
import { convert, targets } from './index'
import { convertYaml, NOT_SUPPORTED, type Expected } from './testing'

/**
 * Cross-target expectations: one rule, every target's query in one place
 * (Kysely's `testSql`). `NOT_SUPPORTED` for an `ok: false` answer, or
 * `{ code }` to name the reason.
 */
function expectQuery(yaml: string, expected: Readonly<Record<string, Expected>>): void {
  for (const [target, want] of Object.entries(expected)) {
    const result = convertYaml(yaml, target)
    if (typeof want === 'string') {
      expect(result, target).toMatchObject({ ok: true, query: want })
    } else {
      expect(result.ok, target).toBe(false)
      if ('code' in want && !result.ok) expect(result.code, target).toBe(want.code)
    }
  }
}

const rule = (detection: string, extra = '') => `title: t
id: 11111111-2222-4333-8444-555555555555
logsource: { product: windows, category: process_creation }
${extra}detection:
${detection}`

describe('convert across targets', () => {
  it('should write an endswith with a backslash for every target', () => {
    expectQuery(rule(`  sel: { Image|endswith: '\\cmd.exe' }\n  condition: sel`), {
      'sqlite': `SELECT * FROM "logs" WHERE "Image" LIKE '%\\\\cmd.exe' ESCAPE '\\'`,
      'splunk': 'Image="*\\\\cmd.exe"',
      'lucene@none': 'Image:/.*\\\\[Cc][Mm][Dd][.][Ee][Xx][Ee]/',
      'grep': "grep -P '^(?:(?=.*(?i:\\\\cmd\\.exe)))'",
      'test': "Image ew '\\cmd.exe'",
    })
  })

  it('should escape each target\'s quotes and wildcard characters', () => {
    expectQuery(rule(`  sel: { CommandLine: "it's 50% a_b \\"q\\"" }\n  condition: sel`), {
      'sqlite': `SELECT * FROM "logs" WHERE "CommandLine" LIKE 'it''s 50\\% a\\_b "q"' ESCAPE '\\'`,
      'splunk': 'CommandLine="it\'s 50% a_b \\"q\\""',
      'grep': `grep -P '^(?:(?=.*(?i:it'\\''s 50% a_b "q")))'`,
    })
  })

  it('should say what a target cannot express instead of weakening the query, and use Splunk eval where search cannot', () => {
    const inOr = rule(`  a: { CommandLine|contains: x }\n  b: { CommandLine|re: 'y+z' }\n  condition: a or b`)
    expectQuery(inOr, { splunk: '* | where (isnotnull(CommandLine) AND match(CommandLine, "(?si)^.*x.*\\\\z")) OR (isnotnull(CommandLine) AND match(CommandLine, "y+z"))', sqlite: `SELECT * FROM "logs" WHERE "CommandLine" LIKE '%x%' ESCAPE '\\' OR "CommandLine" REGEXP 'y+z'` })
    expectQuery(`title: t\nlogsource: { product: linux }\ndetection:\n  k: [evil]\n  condition: k`, { sqlite: { code: 'keyword-search' }, splunk: '"*evil*"' })
    expectQuery(rule(`  sel: { User|fieldref: TargetUser }\n  condition: sel`), { 'lucene@none': NOT_SUPPORTED, grep: 'grep -P \'^(?:(?=))\'' })
  })

  it('should put regexes ANDed at the top after the Splunk search, and table the rule fields', () => {
    expectQuery(rule(`  sel: { Image|endswith: '\\x.exe', CommandLine|re: '\\d{4}' }\n  f: { ParentImage|re|i: 'a"b' }\n  condition: sel and not f`, 'fields: [Image, CommandLine]\n'), {
      splunk: 'Image="*\\\\x.exe" | regex CommandLine="\\\\d{4}" | where NOT (isnotnull(ParentImage) AND match(ParentImage, "(?i)a\\"b")) | table Image,CommandLine',
    })
  })

  it('should map fields through the target\'s default pipeline', () => {
    const result = convertYaml(rule(`  sel: { CommandLine|contains: whoami }\n  condition: sel`), 'lucene')
    expect(result).toMatchObject({ ok: true, pipeline: 'ecs-windows' })
    expect(result.ok && result.query).toContain('process.command_line:/.*[Ww][Hh][Oo][Aa][Mm][Ii].*/')
    expect(result.ok && result.query).toContain('event.category:"process" AND event.type:"start"')
  })

  it('should map Linux rules to ECS on every Elastic target, and say so where a log source has no ECS mapping', () => {
    const linux = `title: t\nlogsource: { product: linux, category: process_creation }\ndetection:\n  sel: { Image|endswith: /curl, ParentImage: /bin/bash }\n  condition: sel\n`
    const cloud = `title: t\nlogsource: { product: okta, service: okta }\ndetection:\n  sel: { eventtype: user.session.start }\n  condition: sel\n`
    for (const target of ['lucene', 'eql', 'esql']) {
      const mapped = convertYaml(linux, target)
      expect(mapped).toMatchObject({ ok: true, warnings: [] })
      // Image|endswith: /curl is the base name (process.name); a whole path stays on the path field.
      expect(mapped.ok && mapped.query).toMatch(/host\.os\.type.*linux.*process\.name.*process\.parent\.executable/)
      expect(convertYaml(cloud, target)).toMatchObject({
        ok: true,
        warnings: [{ message: "Fields are not mapped to ECS for the log source {product: okta, service: okta}; the query uses the rule's field names" }],
      })
    }
    // A correlation carries its rules' warnings.
    const correlation = `title: c\ncorrelation: { type: event_count, rules: [r], group-by: [actor], timespan: 1m, condition: { gte: 2 } }\n---\n${cloud.replace('title: t', 'title: t\nname: r')}`
    expect(convertYaml(correlation, 'esql')).toMatchObject({ ok: true, warnings: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('not mapped to ECS') })]) })
  })

  it('should locate a warning at the node that weakens the query: the unmapped field, the value a target widens', () => {
    const linux = `title: t\nlogsource: { product: linux, category: process_creation }\ndetection:\n  sel: { Image|endswith: /curl }\n  other:\n    LogonId: '0x3e7'\n  condition: sel and other\n`
    const mapped = convertYaml(linux, 'esql')
    expect(mapped.ok && mapped.warnings).toEqual([{ message: expect.stringContaining('Field `LogonId` is not mapped to ECS'), location: expect.objectContaining({ file: 'test.yml', start: expect.objectContaining({ line: 6, column: 14 }) }) }])
    const splunk = convertYaml(rule(`  sel: { Image: x }\n  wild:\n    CommandLine: 'a?b'\n  condition: sel and wild`), 'splunk')
    expect(splunk.ok && splunk.warnings.map((w) => [w.message, w.location?.start.line])).toEqual([[expect.stringContaining('`?` wildcard'), 7]])
  })

  it('should never throw: unknown targets, pipelines and formats, filters and placeholders are answers', () => {
    const yaml = rule(`  sel: { Image: x }\n  condition: sel`)
    expect(convertYaml(yaml, 'nope')).toMatchObject({ ok: false, code: 'unknown-target' })
    expect(convertYaml(yaml, 'sqlite@nope')).toMatchObject({ ok: false, code: 'unknown-pipeline' })
    expect(convertYaml(yaml, 'sqlite', { format: 'nope' })).toMatchObject({ ok: false, code: 'unknown-format' })
    const expand = rule(`  sel: { User|expand: '%Admins%' }\n  condition: sel`)
    expect(convertYaml(expand, 'splunk')).toMatchObject({ ok: false, code: 'unexpanded-placeholder' })
  })

  it('should give the same bytes for the same input', () => {
    const yaml = rule(`  a: { Image|endswith: ['\\a.exe', '\\b.exe'], CommandLine|contains|all: [x, y] }\n  b: { User: [SYSTEM, root] }\n  condition: a and not b`)
    for (const target of targets) expect(JSON.stringify(convertYaml(yaml, target.id))).toBe(JSON.stringify(convertYaml(yaml, target.id)))
  })

  it('should list the targets with their default pipeline first and the plain format', () => {
    const ids = targets.map((t) => t.id)
    expect(ids).toEqual(expect.arrayContaining(['sqlite', 'grep', 'lucene', 'splunk']))
    expect(ids).not.toContain('test')
    for (const target of targets) expect(target.formats[0]).toBe('default')
    expect(targets.find((t) => t.id === 'sqlite')!.pipelines[0]).toBe('sqlite-logs')
  })
})

describe('queries run by the real engines', () => {
  const yaml = rule(`  sel: { ParentImage|endswith: '\\mmc.exe', Image|endswith: '\\cmd.exe' }\n  not_runcmd: { CommandLine|endswith: '\\RunCmd.cmd' }\n  condition: sel and not not_runcmd`)
  const events = [
    { ParentImage: 'C:\\Windows\\MMC.exe', Image: 'C:\\x\\CMD.EXE', CommandLine: 'cmd /c whoami' },
    { ParentImage: 'C:\\Windows\\mmc.exe', Image: 'C:\\x\\cmd.exe', CommandLine: 'cmd /c C:\\a\\runcmd.CMD' },
    { ParentImage: 'C:\\Windows\\mmc.exe', Image: 'C:\\x\\cmd.exe' },
    { ParentImage: 'C:\\Windows\\mmc.exe', Image: 'C:\\x\\cmdXexe' },
  ]

  it('should select in SQLite exactly the events the rule matches, absent fields included', () => {
    const result = convertYaml(yaml, 'sqlite')
    if (!result.ok) throw new Error(result.reason)
    const db = new Database(':memory:')
    db.function('regexp', (pattern: unknown, value: unknown) => (value === null ? null : RE2JS.compile(String(pattern)).matcher(String(value)).find() ? 1 : 0))
    db.exec('CREATE TABLE logs (n INTEGER, ParentImage, Image, CommandLine)')
    events.forEach((e, n) => db.prepare('INSERT INTO logs VALUES (?, ?, ?, ?)').run(n, e.ParentImage, e.Image, e.CommandLine ?? null))
    expect(db.prepare(result.query.replace('SELECT *', 'SELECT n')).pluck().all()).toEqual([0, 2])
  })

  it('should match with real grep -P on JSON lines exactly the events the rule matches', () => {
    const result = convertYaml(yaml, 'grep@jsonl')
    if (!result.ok) throw new Error(result.reason)
    const pattern = /^grep -P '(.*)'$/s.exec(result.query)![1]!.replaceAll(`'\\''`, "'")
    const input = events.map((e) => JSON.stringify(e)).join('\n') + '\n'
    const out = execFileSync('grep', ['-P', '-n', '-e', pattern], { input, env: { ...process.env, LC_ALL: 'C.UTF-8' } }).toString()
    expect(out.split('\n').filter(Boolean).map((l) => Number(l.split(':')[0]) - 1)).toEqual([0, 2])
  })

  it('should parse every seed-rule query back with the document it came from', () => {
    const collection = parseSigma(yaml, 'x.yml')
    expect(convert(collection.documents[0]!, collection, { target: 'splunk' })).toMatchObject({ ok: true, target: 'splunk', pipeline: 'none', format: 'default', warnings: [] })
  })
})
