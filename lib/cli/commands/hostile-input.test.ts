import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { aliasBomb } from '../../sigma/testing/alias-bomb'
import { atlas } from '../testing'

/** Issue 8, item 3, through the CLI: hostile rule files and events end in located errors, quickly. */
const dir = mkdtempSync(path.join(tmpdir(), 'atlas-hostile-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, text: string) => {
  const full = path.join(dir, name)
  writeFileSync(full, text)
  return full
}

const rule = (selection: string) => `title: Hostile
logsource:
  product: windows
detection:
  sel:
    ${selection}
  condition: sel
`

describe('atlas validate on hostile files', () => {
  it('should report a 20 MB file, an alias bomb, 10,000-deep YAML and a 10,000-deep condition, each located, and exit 1', async () => {
    const big = file('big.yml', rule('Image: x') + '# filler\n'.repeat(2_300_000))
    const bomb = file('bomb.yml', rule('Image: x') + aliasBomb())
    const deep = file('deep.yml', rule(`Image: ${'['.repeat(10_000)}${']'.repeat(10_000)}`))
    const condition = file('condition.yml', rule('Image: x').replace('condition: sel', `condition: ${'('.repeat(10_000)}sel${')'.repeat(10_000)}`))
    const started = performance.now()
    const { code, stdout } = await atlas('validate', big, bomb, deep, condition)
    console.log(`atlas validate of four hostile files: ${Math.round(performance.now() - started)} ms`)
    expect(code).toBe(1)
    expect(stdout.trim().split('\n')).toEqual([
      `${big}:1:1: error: The file is 20,700,093 bytes; a rule file may be at most 1,048,576 bytes (LIMITS.maxFileBytes), so it was not parsed [file-too-large]`,
      `${bomb}:9:10: error: This document expands YAML aliases more than 100 times (LIMITS.maxAliases): refused as a possible alias bomb [yaml-alias-limit]`,
      expect.stringMatching(/^\S+condition\.yml:7:\d+: error: Condition nested deeper than 256 levels \[condition-too-deep\]$/),
      expect.stringMatching(/^\S+deep\.yml:6:\d+: error: The YAML is nested deeper than 64 levels \(LIMITS\.maxDepth\), so it was not parsed \[nested-too-deep\]$/),
      '1 rule, 4 errors, 0 warnings',
    ])
  })

  it('should not read a device, which would never end', async () => {
    const { code, stdout } = await atlas('validate', '/dev/zero')
    expect({ code, stdout }).toEqual({
      code: 1,
      stdout: '/dev/zero:1:1: error: Not read: a rule file must be a regular file, this is a device, FIFO or socket [not-a-regular-file]\n0 rules, 1 error, 0 warnings\n',
    })
  })

  it('should report backreferences and lookaround as located errors', async () => {
    const { code, stdout } = await atlas('validate', 'lib/catalog/__fixtures__/hostile-limits/regex')
    expect(code).toBe(1)
    expect(stdout).toContain('backreference.yml:12:25: error: Invalid regular expression: error parsing regexp: invalid escape sequence: `\\1`')
    expect(stdout).toContain('lookahead.yml:12:25: error: Invalid regular expression: error parsing regexp: invalid or unsupported Perl syntax: `(?=`')
  })
})

describe('atlas match on hostile rules and events', () => {
  it('should run a catastrophic-backtracking regex over long events in linear time', async () => {
    const regex = file('regex.yml', rule("CommandLine|re: '^(a+)+$'"))
    const long = 'a'.repeat(1_000_000)
    const events = file('events.jsonl', [{ CommandLine: `${long}!` }, { CommandLine: long }, { CommandLine: 'b' }].map((e) => JSON.stringify(e)).join('\n') + '\n')
    const started = performance.now()
    const { code, stdout } = await atlas('match', regex, events)
    console.log(`atlas match of (a+)+$ over 2 MB of events: ${Math.round(performance.now() - started)} ms`)
    expect({ code, stdout }).toEqual({ code: 0, stdout: '2\n' })
  })

  it('should refuse an event nested 100,000 deep with a located error, not a stack overflow', async () => {
    const keywords = file('keywords.yml', 'title: k\nlogsource:\n  product: windows\ndetection:\n  keywords:\n    - needle\n  condition: keywords\n')
    const events = file('deep.jsonl', `{"a": 1}\n${'{"a": '.repeat(100_000)}"needle"${'}'.repeat(100_000)}\n`)
    const { code, stdout, stderr } = await atlas('match', keywords, events)
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' })
    expect(stderr).toBe(`${events}:2:${6 * 64 + 1}: error: Invalid event: nested deeper than 64 levels (LIMITS.maxDepth) [bad-event]\n`)
  })
})
