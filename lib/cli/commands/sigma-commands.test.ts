import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { atlas } from '../testing'

const FIXTURES = 'lib/sigma/__fixtures__'

function temp(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'atlas-sigma-')), name)
  writeFileSync(file, text)
  return file
}

describe('atlas validate', () => {
  it('should print every problem of the broken fixtures and a summary, and exit 1', async () => {
    const { code, stdout } = await atlas('validate', `${FIXTURES}/broken`)
    expect(code).toBe(1)
    const lines = stdout.trim().split('\n')
    expect(lines).toHaveLength(9)
    expect(lines[0]).toBe(`${FIXTURES}/broken/all-single-value.yml:8:30: error: Modifier \`all\` needs a list of two or more values [all-single-value]`)
    expect(lines.at(-1)).toBe('8 rules, 8 errors, 0 warnings')
  })

  it('should exit 0 with a summary for valid rules', async () => {
    const { code, stdout } = await atlas('validate', `${FIXTURES}/cli/rule.yml`, `${FIXTURES}/cli/correlation.yml`)
    expect({ code, stdout }).toEqual({ code: 0, stdout: '5 rules, 0 errors, 0 warnings\n' })
  })

  it('should report a path that does not exist as a located error', async () => {
    const { code, stdout } = await atlas('validate', 'no/such/file.yml')
    expect(code).toBe(1)
    expect(stdout).toMatch(/^no\/such\/file\.yml:1:1: error: Cannot read: .*ENOENT.* \[read-error\]\n0 rules, 1 error, 0 warnings\n$/)
  })

  it('should show help', async () => {
    const { code, stdout } = await atlas('validate', '--help')
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: atlas validate [options] <paths...>')
  })
})

describe('atlas match', () => {
  it('should print only the line numbers of the matching events', async () => {
    const result = await atlas('match', `${FIXTURES}/cli/rule.yml`, `${FIXTURES}/cli/events.jsonl`)
    expect(result).toEqual({ code: 0, stdout: '1\n4\n', stderr: '' })
  })

  it('should print the lines of the events in the groups a correlation fires', async () => {
    const result = await atlas('match', `${FIXTURES}/cli/correlation.yml`, `${FIXTURES}/cli/correlation-events.jsonl`)
    expect(result).toEqual({ code: 0, stdout: '1\n3\n4\n6\n', stderr: '' })
  })

  it('should exit 0 with no output when nothing matches', async () => {
    const events = temp('events.jsonl', '{"Image": "x"}\n')
    expect(await atlas('match', `${FIXTURES}/cli/rule.yml`, events)).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('should exit 2 with a located message for a bad event line', async () => {
    const events = temp('events.jsonl', '{"Image": "x"}\n{"Image": \n')
    const result = await atlas('match', `${FIXTURES}/cli/rule.yml`, events)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/events\.jsonl:2:1: error: Invalid event: .+ \[bad-event\]/)
  })

  it('should exit 2 with the rule problems for a bad rule', async () => {
    const events = temp('events.jsonl', '{}\n')
    const result = await atlas('match', `${FIXTURES}/broken/unknown-modifier.yml`, events)
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `${FIXTURES}/broken/unknown-modifier.yml:8:21: error: Unknown modifier \`containz\` [unknown-modifier]\n`,
    })
  })

  it('should expand placeholders given with --placeholder, and reject them without', async () => {
    const rule = temp('rule.yml', "title: t\nlogsource: {product: p}\ndetection:\n    s: {User|expand: '%admins%'}\n    condition: s\n")
    const events = temp('events.jsonl', '{"User": "root"}\n{"User": "bob"}\n{"User": "ADM_x"}\n')
    expect(await atlas('match', rule, events, '--placeholder', 'admins=root,adm_*')).toEqual({ code: 0, stdout: '1\n3\n', stderr: '' })
    const result = await atlas('match', rule, events)
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`${rule}:4:22: error: Placeholder \`%admins%\` has no configured values [unexpanded-placeholder]\n`)
  })

  it('should read event times from --timestamp-field', async () => {
    const rule = temp('rule.yml', 'title: c\ncorrelation: {type: event_count, rules: [b], group-by: [U], timespan: 1m, condition: {gte: 2}}\n---\ntitle: b\nname: b\nlogsource: {product: p}\ndetection: {s: {A: 1}, condition: s}\n')
    const events = temp('events.jsonl', '{"A": 1, "U": "x", "t": "2024-01-01T00:00:00Z"}\n{"A": 1, "U": "x", "t": "2024-01-01T00:00:30Z"}\n')
    expect(await atlas('match', rule, events, '--timestamp-field', 't')).toEqual({ code: 0, stdout: '1\n2\n', stderr: '' })
    const missing = await atlas('match', rule, events)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(`${events}:1:1: error: Event 1 matches \`b\` but has no readable timestamp [bad-event]\n`)
  })

  it('should exit 2 for a correlation whose rules are not in the file', async () => {
    const rule = temp('rule.yml', 'title: c\ncorrelation: {type: event_count, rules: [elsewhere], group-by: [U], timespan: 1m, condition: {gte: 2}}\n')
    const events = temp('events.jsonl', '{}\n')
    expect(await atlas('match', rule, events)).toEqual({
      code: 2,
      stdout: '',
      stderr: `${rule}:1:1: warning: Correlation refers to \`elsewhere\`, which is not a loaded rule id or name [unknown-rule-reference]\n`,
    })
    expect((await atlas('validate', rule)).code).toBe(0)
  })

  it('should show help', async () => {
    const { code, stdout } = await atlas('match', '--help')
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: atlas match [options] <rule-file> <events>')
  })
})
