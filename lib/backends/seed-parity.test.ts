import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { matches, parseSigma, resolveCollection, type SigmaRule } from '../sigma'
import { compileLucene } from './differential/lucene/lucene-evaluator'
import { renderWatcher } from './formats/watcher'
import { formatInput } from './formats/test-input'
import { convert } from './index'

/**
 * Seed parity: the two seed detections (`../shared/seeds/`) against what we
 * emit. Only facts are compared (fields, operators, values, structure).
 */
const here = path.dirname(fileURLToPath(import.meta.url))
const seeds = path.resolve(here, '../../../shared/seeds')
const seedText = (prefix: string) => readFileSync(path.join(seeds, readdirSync(seeds).find((f) => f.startsWith(prefix))!), 'utf8')
/** The code block under a `### <name>` heading of a seed. */
const block = (text: string, heading: string) => new RegExp(`#+ ${heading}\\s+\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(text)![1]!.trim()

const seed1 = parseSigma(readFileSync(path.join(here, '__fixtures__/seed-mmc.yml'), 'utf8'), 'seed-mmc.yml')
const rule1 = seed1.documents[0] as SigmaRule
const ours = (target: string, pipeline?: string) => {
  const result = convert(rule1, seed1, { target, ...(pipeline ? { pipeline } : {}) })
  if (!result.ok) throw new Error(result.reason)
  return result.query
}

/** Events in the seed's own spelling (case included), one per verdict the rule can give. */
const EVENTS = [
  { EventID: 1, ParentImage: 'C:\\Windows\\System32\\mmc.exe', Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c whoami' },
  { EventID: 1, ParentImage: 'C:\\Windows\\System32\\mmc.exe', Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c C:\\x\\RunCmd.cmd' },
  { EventID: 1, ParentImage: 'C:\\Windows\\explorer.exe', Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe' },
  { EventID: 1, ParentImage: 'C:\\Windows\\System32\\mmc.exe', Image: 'C:\\Windows\\notepad.exe', CommandLine: 'notepad' },
  { EventID: 3, ParentImage: 'C:\\Windows\\System32\\mmc.exe', Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe' },
  { EventID: 1, ParentImage: 'C:\\Windows\\System32\\mmc.exe', Image: 'C:\\Windows\\System32\\cmd.exe' },
]
const reference = EVENTS.map((event) => matches(rule1.expression, event))

describe('seed 1: processes created by MMC', () => {
  it('should give the reference verdicts: only cmd.exe under mmc.exe without RunCmd.cmd', () => {
    expect(reference).toEqual([true, false, false, false, false, true])
  })

  it("should mean what the seed's es-qs means, evaluated with Elasticsearch keyword semantics (graylog is the same language)", () => {
    // sigmac escaped the backslash twice (`*\\\\mmc.exe` is two literal backslashes in query_string); the intent is one.
    const seedQuery = block(seedText('000_'), 'es-qs').replaceAll('\\\\\\\\', '\\\\')
    const withKeyword = (event: Record<string, unknown>) => ({ ...event, ...Object.fromEntries(Object.entries(event).map(([k, v]) => [`${k}.keyword`, v])) })
    const seedVerdicts = EVENTS.map((event) => compileLucene(seedQuery)(withKeyword(event) as never))
    expect(seedVerdicts).toEqual(reference)
    for (const [target, pipeline] of [['lucene', 'none'], ['graylog', undefined]] as const)
      expect(EVENTS.map((event) => compileLucene(ours(target, pipeline))(event as never)), target).toEqual(reference)
  })

  it("should mean what the seed's grep means (pipeline raw-line-exclusions), run by real grep -P over the events as lines, except where the seed is wrong", () => {
    const lines = EVENTS.map((event) => Object.entries(event).map(([k, v]) => `${k}=${v}`).join(' '))
    const grep = (pattern: string) => {
      let out = ''
      try {
        out = execFileSync('grep', ['-nP', pattern], { input: `${lines.join('\n')}\n`, encoding: 'utf8' })
      } catch (error) {
        if ((error as { status?: number }).status !== 1) throw error
      }
      const hit = new Set(out.split('\n').filter(Boolean).map((line) => Number(line.split(':')[0]) - 1))
      return lines.map((_, i) => hit.has(i))
    }
    // sigmac also escaped the escaping backslash of each `\.`: `\\.exe` would need a backslash before any character.
    const seedPattern = /grep -P '(.*)'/.exec(block(seedText('000_'), 'grep'))![1]!.replaceAll('\\\\.', '\\.')
    const pattern = (pipeline?: string) => /grep -P '(.*)'/.exec(ours('grep', pipeline))![1]!.replaceAll("'\\''", "'")
    // The seed's exclusion `(?=.*(?!.*X))` is always true (the first `.*` runs to the end of the line), so the
    // seed also matches the RunCmd.cmd event (index 1). Elsewhere both give the reference verdicts.
    expect(grep(seedPattern)).toEqual([true, true, false, false, false, true])
    // The seed's meaning, the exclusion applied to the whole line, is the pipeline raw-line-exclusions.
    expect(grep(pattern('raw-line-exclusions'))).toEqual(reference)
    // grep's default raw reading leaves the CommandLine exclusion out (a raw line cannot tell the field): it
    // over-matches the RunCmd.cmd event and misses none.
    expect(grep(pattern())).toEqual([true, true, false, false, false, true])
  })

  it('should write the splunk and logpoint searches with the seed structure and one escaped backslash', () => {
    // The seed's `"*\\\\mmc.exe"` is two backslashes once Splunk/LogPoint unescape the quoted value; ours is one.
    expect(ours('splunk', 'none')).toBe('EventID=1 ParentImage="*\\\\mmc.exe" Image="*\\\\cmd.exe" NOT CommandLine="*\\\\RunCmd.cmd" | table CommandLine,ParentCommandLine')
    expect(ours('logpoint')).toBe('EventID=1 ParentImage="*\\\\mmc.exe" Image="*\\\\cmd.exe" -CommandLine="*\\\\RunCmd.cmd"')
  })

  it("should write a Watcher body equivalent to the seed's xpack-watcher", () => {
    const curl = block(seedText('000_'), 'xpack-watcher')
    // The seed prints the curl command escaped once (`\n`, `\'`, `\\`): undo that, then parse the heredoc's JSON.
    const unescaped = curl.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
    const seedWatch = JSON.parse(/<<EOF\n([\s\S]*)\nEOF/.exec(unescaped)![1]!)
    const result = renderWatcher(
      formatInput({ query: ours('lucene', 'none'), rule: rule1, fields: rule1.fields, dataSource: {}, threat: [], schedule: { interval: '30m', lookback: '30m' } }),
      ['soc@corp.example'],
    )
    if (!result.ok) throw new Error(result.reason)
    const watch = JSON.parse(result.text)
    expect(watch.trigger).toEqual(seedWatch.trigger)
    expect(watch.condition).toEqual(seedWatch.condition)
    expect(watch.input.search.request.indices).toEqual(seedWatch.input.search.request.indices)
    const seedSearch = seedWatch.input.search.request.body.query.query_string
    const ourSearch = watch.input.search.request.body.query.bool.must[0].query_string
    expect(ourSearch.analyze_wildcard).toBe(seedSearch.analyze_wildcard)
    expect(EVENTS.map((event) => compileLucene(ourSearch.query)(event as never))).toEqual(reference)
    const seedMail = seedWatch.actions.send_email.email
    const ourMail = watch.actions.send_email.email
    expect(ourMail.subject).toBe(seedMail.subject)
    expect(ourMail.attachments).toEqual(seedMail.attachments)
    for (const field of rule1.fields) {
      expect(seedMail.body).toContain(`{{_source.${field}}}`)
      expect(ourMail.body).toContain(`{{_source.${field}}}`)
    }
    expect(ourMail.body.startsWith('Hits:\n{{#ctx.payload.hits.hits}}Hit on {{_source.@timestamp}}:\n')).toBe(true)
  })
})

describe('seed 2: incoming DCOM lateral movement with MMC', () => {
  const file = path.join(here, 'correlations/__fixtures__/seed-dcom-mmc.yml')
  const collection = resolveCollection([parseSigma(readFileSync(file, 'utf8'), 'seed-dcom-mmc.yml')]).collection
  const correlation = collection.documents.find((d) => d.type === 'correlation')!

  it("should convert the temporal_ordered correlation to the seed's EQL sequence shape", () => {
    const result = convert(correlation, collection, { target: 'eql' })
    if (!result.ok) throw new Error(result.reason)
    const seedEql = block(seedText('002_'), 'Rule query \\[_rule_query_459\\]')
    const shape = (eql: string) => ({
      header: /^sequence by ([\w.]+) with maxspan=(\w+)/.exec(eql)!.slice(1),
      steps: [...eql.matchAll(/\[\s*(\w+) where/g)].map((m) => m[1]),
    })
    // Grouped by host.id as the seed is: the pipeline maps a correlation's host group-by to the host's id.
    expect(shape(result.query)).toEqual(shape(seedEql))
    expect(shape(result.query).header).toEqual(['host.id', '1m'])
    // The fields of each step, against the seed's: the same, host.os.type and event.type "start" from the ECS
    // data source and process.name / process.parent.name from the base-name rewrite of `Image|endswith: '\\mmc.exe'`.
    // Ours also states event.category, which EQL's `network where` / `process where` already is.
    const stepFields = (eql: string) =>
      [...eql.matchAll(/\[([^\]]*)\]/g)].map((m) => [...new Set(m[1]!.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/\b[a-z_]+(?:\.[a-z_]+)+\b/g))].sort())
    const seedSteps = stepFields(seedEql)
    const ourSteps = stepFields(result.query)
    const withoutCategory = (fields: string[]) => fields.filter((f) => f !== 'event.category')
    expect(ourSteps.map(withoutCategory)).toEqual(seedSteps)
    expect(ourSteps.every((fields) => fields.includes('event.category'))).toBe(true)
    // The seed also joins the steps `by process.entity_id` / `by process.parent.entity_id` (the same MMC
    // process): a Sigma correlation has one group-by for every rule, here the host; ours joins on the host only.
    expect(seedEql).toMatch(/\] by process\.entity_id\s+\[process where[\s\S]*\] by process\.parent\.entity_id/)
    expect(result.query).not.toMatch(/\] by /)
    // The same conditions, step by step (ECS names from the ecs-windows pipeline); where the spelling differs
    // the meaning is the same, noted with the seed's:
    const steps = (eql: string) => [...eql.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.replace(/\s+/g, ' '))
    const [network, process] = steps(result.query) as [string, string]
    const [seedNetwork, seedProcess] = steps(seedEql) as [string, string]
    for (const condition of ['host.os.type == "windows"', 'event.type == "start"', 'process.name : "mmc.exe"', 'source.port >= 49152', 'destination.port >= 49152']) {
      expect(network, condition).toContain(condition)
      expect(seedNetwork, condition).toContain(condition)
    }
    expect(network).toMatch(/^network where host\.os\.type == "windows" and event\.category == "network" and event\.type == "start" and /)
    expect(network).toContain('not (source.ip != null and source.ip in ("127.0.0.1", "::1"))') // seed: source.ip != "127.0.0.1" and source.ip != "::1"
    expect(network).toContain('network.direction : "ingress"') // seed: network.direction : ("incoming", "ingress")
    expect(network).toContain('network.transport : "tcp"') // seed: network.transport == "tcp" (`:` folds case)
    for (const condition of ['host.os.type == "windows"', 'event.type == "start"', 'process.parent.name : "mmc.exe"']) {
      expect(process, condition).toContain(condition)
      expect(seedProcess, condition).toContain(condition)
    }
    expect(process).toBe('process where host.os.type == "windows" and event.category == "process" and event.type == "start" and process.parent.name : "mmc.exe"')
    expect(result.query.split('\n')[0]).toBe('sequence by host.id with maxspan=1m')
  })
})
