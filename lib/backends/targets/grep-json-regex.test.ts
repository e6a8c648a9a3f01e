import { execFileSync } from 'node:child_process'
import { RE2JS } from 're2js'
import { describe, expect, it } from 'vitest'
import { JSON_CHAR_DEFINITION, jsonKey, VALUE_END } from './grep-json'
import { jsonBareRegex, jsonStringRegex } from './grep-json-regex'

const VALUES = ['C:\\Temp\\a.exe', 'c:\\temp\\A.EXE', 'say "hi"\\', 'line\nbreak', 'tab\there', 'ctl\u0001x', 'é\\Ü', 'x', '', '😀\\"', 'abc123', 4624, 46, true]

/** The lines real grep -P selects with a rule regex placed in the member of field `v`. */
function grepMatches(pattern: string, flags: { i: boolean; m: boolean; s: boolean }): boolean[] {
  const inString = jsonStringRegex(pattern, flags)
  const bare = jsonBareRegex(pattern, flags)
  if (!inString.ok || !bare.ok) throw new Error(`${pattern}: ${inString.ok ? '' : inString.reason}`)
  const fold = (p: string) => (flags.i ? `(?i:${p})` : `(?:${p})`)
  const grep = `^${JSON_CHAR_DEFINITION}(?=.*${jsonKey('v')}(?:"${fold(inString.regex)}"|(?!null${VALUE_END})${fold(bare.regex)})${VALUE_END})`
  const lines = VALUES.map((v) => JSON.stringify({ k: 'C:\\Temp\\"', v, w: 'z' }))
  let out = ''
  try {
    out = execFileSync('grep', ['-P', '-n', '-e', grep], { input: lines.join('\n') + '\n', env: { ...process.env, LC_ALL: 'C.UTF-8' } }).toString()
  } catch (error) {
    if ((error as { status?: number }).status !== 1) throw error
  }
  const hits = new Set(out.split('\n').filter(Boolean).map((l) => Number(l.split(':')[0]) - 1))
  return VALUES.map((_, n) => hits.has(n))
}

describe('rule regexes over JSON-escaped values', () => {
  it('should select with real grep -P exactly the values RE2 matches', () => {
    const cases: [string, string][] = [
      ['\\\\temp\\\\', 'i'],
      ['^C:\\\\Temp\\\\[^\\\\]{1,8}$', ''],
      ['"hi"\\\\$', ''],
      ['k\\nb', ''],
      ['e.b', ''],
      ['e.b', 's'],
      ['[\\t\\x01]', ''],
      ['[^a-z]', ''],
      ['^46', ''],
      ['^[0-9]+$', ''],
      ['^tr', ''],
      ['(^|\\\\)a\\.exe', 'i'],
      ['\\S\\\\"', ''],
      ['^$', ''],
    ]
    for (const [pattern, f] of cases) {
      const flags = { i: f.includes('i'), m: false, s: f.includes('s') }
      const re2 = RE2JS.compile(pattern, (flags.i ? RE2JS.CASE_INSENSITIVE : 0) | (flags.s ? RE2JS.DOTALL : 0))
      const expected = VALUES.map((v) => re2.matcher(String(v)).find())
      expect(grepMatches(pattern, flags), `/${pattern}/${f}`).toEqual(expected)
    }
  })
})
