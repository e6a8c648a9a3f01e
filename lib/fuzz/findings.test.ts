import { afterAll, describe, expect, it } from 'vitest'
import { convert } from '../backends/index'
import { createGrepEngine } from '../backends/differential/engines/grep-engine'
import { createLuceneEngine } from '../backends/differential/engines/lucene-engine'
import { createSqliteEngine } from '../backends/differential/engines/sqlite-engine'
import type { Engine } from '../backends/differential/types'
import { engineVerdicts } from '../backends/testing'
import { matches, parseSigma, type SigmaRule } from '../sigma/index'
import type { FlatEvent } from '../sigma/testing/event'
import { kqlErrors } from '../../scripts/kusto/check-kql'
import { knownFinding } from './known-findings'
import { checkText } from './oracle'

/**
 * The fuzzer's findings, minimized by hand from `lib/fuzz/__findings__/`:
 * fixed ones as regression tests; open ones (`known-findings.ts`) as
 * `it.fails` — they assert the right behaviour, so they start failing (and
 * the known entry should go) when the owner's fix lands.
 */
const engines: Engine[] = []
afterAll(() => engines.forEach((e) => e.close?.()))

function rule(detection: string): SigmaRule {
  const text = `title: fuzz finding\nlogsource: {category: test}\ndetection:\n${detection}\n`
  const collection = parseSigma(text, 'finding.yml')
  expect(collection.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return collection.documents[0] as SigmaRule
}

/** The engine's verdict on each event, next to the reference evaluator's. */
function verdicts(make: () => Engine, detection: string, events: readonly FlatEvent[]) {
  const engine = make()
  engines.push(engine)
  const { engine: verdict, reference } = engineVerdicts(engine, detection, events)
  return { engine: verdict, reference }
}

describe('fixed findings', () => {
  it('should write control characters of a value as escapes in a grep pattern (UTF-16 NUL, line break)', () => {
    const r = rule("  sel:\n    Payload|wide|contains: 'ab'\n  sel2:\n    Other: \"x\\ny\"\n  condition: sel or sel2")
    const result = convert(r, { documents: [r], diagnostics: [] }, { target: 'grep' })
    expect(result.ok && result.query).toContain('a\\x{0}b\\x{0}')
    expect(result.ok && /[\0\n]/.test(result.query)).toBe(false)
  })

  it('should agree with real grep on an event holding NUL characters', () => {
    const { engine, reference } = verdicts(() => createGrepEngine({ form: 'raw' }), "  sel:\n    y|wide: c\n  condition: sel", [{ y: 'c\0' }, { y: 'd\0' }])
    expect(engine).toEqual(reference)
    expect(reference).toEqual([true, false])
  })

  it('should match cidr only against standard address spellings, not inet_aton forms such as 172.10.54136', () => {
    const r = rule("  sel:\n    ip|cidr: 172.10.0.0/16\n  condition: sel")
    expect(['172.10.211.120', '172.10.54136', '2886390648', '0xac.10.1.1', '::ffff:172.10.1.1'].map((ip) => matches(r.expression, { ip }))).toEqual([
      true, false, false, false, false,
    ])
  })

  it('should keep IPv4 and IPv4-mapped IPv6 addresses apart in sqlite and grep as the evaluator does (7-1634)', () => {
    const detection = "  sel:\n    e|cidr:\n      - '::ffff:10.0.0.118/127'\n      - 0.23.172.168/0\n  condition: sel"
    const events = [{ e: '::ffff:200:76' }, { e: '::ffff:a00:77' }, { e: '::ffff:10.0.0.118' }, { e: '2.0.0.118' }, { e: '10.0.0.119' }]
    for (const make of [createSqliteEngine, () => createGrepEngine({ form: 'jsonl' })]) {
      const { engine, reference } = verdicts(make, detection, events)
      expect(engine).toEqual(reference)
      expect(reference).toEqual([false, true, true, true, true])
    }
  })

  it('should name the gap when an Elastic target meets a CIDR written as an IPv4-mapped address, which Elasticsearch refuses', () => {
    const r = rule("  sel:\n    ip|cidr: '::ffff:10.0.0.0/104'\n  condition: sel")
    for (const target of ['lucene', 'eql', 'esql'] as const) {
      const result = convert(r, { documents: [r], diagnostics: [] }, { target })
      expect(result.ok ? result.query : result.code).toBe('ipv4-mapped-cidr')
    }
  })

  it('should match a boolean case-insensitively on a field the rule also compares as text in lucene (7-9566)', () => {
    const detection = "  sel:\n    f: false\n  sel2:\n    f|startswith: 'x'\n  condition: sel or sel2"
    const { engine, reference } = verdicts(createLuceneEngine, detection, [{ f: 'FALSE' }, { f: 'False' }, { f: false }, { f: 'true' }])
    expect(engine).toEqual(reference)
    expect(reference).toEqual([true, true, true, false])
  })

  it('should compare a number written as text in sqlite as the evaluator does (fixed by the sqlite owner in 2633277)', () => {
    const { engine, reference } = verdicts(createSqliteEngine, '  sel:\n    f|gte: 7\n  condition: sel', [{ f: '184' }, { f: 184 }, { f: '3' }])
    expect(engine).toEqual(reference)
  })

  it('should keep a plain value ending in a non-YAML space (NBSP, ideographic space, BOM) in both YAML readers', () => {
    for (const space of ['\u00a0', '\u3000', '\ufeff', '\v']) {
      const text = `title: t\nlogsource: {product: w}\ndetection:\n  sel:\n    Image: cmd.exe${space}\n  condition: sel\n`
      const values = (['fast', 'yaml'] as const).map((yamlReader) => {
        const document = parseSigma(text, 'x.yml', { yamlReader }).documents[0] as SigmaRule
        return document.expression.kind === 'StringMatchNode' ? document.expression.value : undefined
      })
      expect(values).toEqual([['cmd.exe' + space], ['cmd.exe' + space]])
    }
  })

  it('should not miss a line under `not` for a boolean in raw grep, or warn (seen in the long fuzz run)', () => {
    const r = rule('  sel:\n    e: true\n  condition: not sel')
    const result = convert(r, { documents: [r], diagnostics: [] }, { target: 'grep' })
    const { engine, reference } = verdicts(() => createGrepEngine({ form: 'raw' }), '  sel:\n    e: true\n  condition: not sel', [{ e: 'trueL' }])
    expect(result.ok && result.warnings.length > 0 ? reference : engine).toEqual(reference)
  })

  it('should end a plain list item before its trailing spaces in both YAML readers (`- cmd.exe ` is `cmd.exe`)', () => {
    const text = 'title: t\nlogsource: {product: w}\ndetection:\n  sel:\n    Image:\n      - cmd.exe \n      - x.exe  \n  condition: sel\n'
    const values = (['fast', 'yaml'] as const).map((yamlReader) => JSON.stringify((parseSigma(text, 'x.yml', { yamlReader }).documents[0] as SigmaRule).expression))
    expect(values[0]).toBe(values[1])
    expect(values[0]).toContain('["cmd.exe"]')
  })

  it('should store a JSON integer as an SQLite INTEGER, so a fieldref to a number compares its text 6, not 6.0', () => {
    const { engine, reference } = verdicts(createSqliteEngine, "  sel:\n    d|fieldref: n\n  condition: sel", [{ n: 6, d: '6' }, { n: 6.5, d: '6.5' }, { n: 6, d: '6.0' }])
    expect(engine).toEqual(reference)
    expect(reference).toEqual([true, true, false])
  })

  it('should not match a cased endswith field reference on an absent field in sqlite when the other field is empty (7-55511)', () => {
    const detection = "  sel:\n    DestinationPort|fieldref|cased|endswith: SourceIp\n  condition: sel"
    const { engine, reference } = verdicts(createSqliteEngine, detection, [{ SourceIp: '' }, { SourceIp: '', DestinationPort: 53 }, { SourceIp: '3', DestinationPort: 53 }])
    expect(engine).toEqual(reference)
    expect(reference).toEqual([false, true, true])
  })

  it('should not let an absent field pass a cased endswith field reference in an or, nor fail its not, in sqlite (7-43927)', () => {
    const detection = "  sel:\n    TargetObject|fieldref|cased|endswith: Image\n  sel2:\n    'quote\"d': x\n  condition: sel2 or sel"
    const events: FlatEvent[] = [{ Image: '', 'quote"d': 'comsvcscomsvcs', "apos'd": 'false' }, { Image: '', TargetObject: 'HKLM' }]
    expect(verdicts(createSqliteEngine, detection, events)).toEqual({ engine: [false, true], reference: [false, true] })
    const negated = verdicts(createSqliteEngine, detection.replace('sel2 or sel', 'not sel'), events)
    expect(negated).toEqual({ engine: [true, false], reference: [true, false] })
  })

  it('should run a sqlite query for a value holding NUL (the UTF-16 modifiers make them), spelling NUL as char(0)', () => {
    const events = [{ f: 'xa\0y' }, { f: 'xa' }, { f: 'XA\0' }, { f: 'b\0c' }]
    for (const [detection, expected] of [
      ["  sel:\n    f|wide|contains: 'a'\n  condition: sel", [true, false, true, false]],
      ["  sel:\n    f|wide|cased|contains: 'a'\n  condition: sel", [true, false, false, false]],
      ["  sel:\n    f:\n      - \"b\\0c\"\n      - 'q'\n  condition: sel", [false, false, false, true]],
      ["  sel:\n    f|re: \"a\\0\"\n  condition: sel", [true, false, false, false]],
    ] as const) {
      const { engine, reference } = verdicts(createSqliteEngine, detection, events)
      expect(engine).toEqual(reference)
      expect(reference).toEqual(expected)
    }
    const r = rule('  sel:\n    "a\\0b": x\n  condition: sel')
    const result = convert(r, { documents: [r], diagnostics: [] }, { target: 'sqlite' })
    expect(result.ok ? result.query : result.code).toBe('nul-field-name')
  })

  it('should read a character outside the BMP in a grep jsonl regex as one character, not two lone surrogate escapes (7-9109)', () => {
    const detection = "  sel:\n    ScriptBlockText|re: '😀'\n  condition: sel"
    const { engine, reference } = verdicts(() => createGrepEngine({ form: 'jsonl' }), detection, [{ ScriptBlockText: '😀' }, { ScriptBlockText: 'a😀b' }, { ScriptBlockText: '😁' }])
    expect(engine).toEqual(reference)
    expect(reference).toEqual([true, true, false])
  })

  it('should give grep jsonl a pattern grep compiles, or answer Unsupported (pattern-too-large), for IPv6 networks', () => {
    const text = [
      'title: x', 'logsource: {category: c}', 'detection:', '  keywords:', '    - 0', '  andromeda:', '    r|cidr:',
      "      - '::f:0.0.0.1/0'", "      - 'f0:59:1d:b33b::/10'", '  oracle:', '    - bZ',
      '  condition: (keywords or andromeda) and any of andr* and oracle and 1 of oracl*', '',
    ].join('\n')
    const engine = createGrepEngine({ form: 'jsonl' })
    engines.push(engine)
    expect(checkText(text, 'too-large.yml', { engines: [engine], seed: 1, expectValid: true, focus: 'grep-jsonl' })).toEqual([])
  })

  it('should match a wildcard-only keyword against a number value in grep jsonl, also under not [grep-jsonl-wildcard-vs-number, fixed]', () => {
    const { engine, reference } = verdicts(() => createGrepEngine({ form: 'jsonl' }), "  keywords:\n    - '*'\n  condition: not keywords", [{ Message: 4 }, { Message: 'x' }, { Message: null }])
    expect(engine).toEqual(reference)
    expect(reference).toEqual([false, false, true])
  })

  it('should match a wildcard value against a number member in grep jsonl [grep-jsonl-wildcard-vs-number, fixed]', () => {
    const { engine, reference } = verdicts(() => createGrepEngine({ form: 'jsonl' }), "  sel:\n    p: '5*'\n  condition: sel", [{ p: 55 }, { p: '55' }, { p: 6 }])
    expect(engine).toEqual(reference)
    expect(reference).toEqual([true, true, false])
  })

  it('should not let PCRE case folding equate letters the evaluator keeps apart (s and ſ, σ and ς) in grep jsonl values', () => {
    const detection = "  sel:\n    f|contains:\n      - 'as'\n      - 'σx'\n  condition: not sel"
    const events = [{ f: 'aſ' }, { f: 'AS' }, { f: 'ςx' }, { f: 'Σx' }, { f: 'K' }]
    const { engine, reference } = verdicts(() => createGrepEngine({ form: 'jsonl' }), detection, events)
    expect(engine).toEqual(reference)
    expect(reference).toEqual([true, false, true, false, true])
  })
})

describe('open findings (known-findings.ts)', () => {
  it('should bracket a Kusto keyword or empty segment of a dotted field name [kql-keyword-path-segment, fixed]', () => {
    const text = "title: t\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel:\n    e|fieldref: find.\n  condition: sel\n"
    const collection = parseSigma(text, 'k.yml')
    const result = convert(collection.documents[0]!, collection, { target: 'kql', pipeline: 'sentinel-windows-event' })
    expect(result.ok && kqlErrors(result.query)).toEqual([])
  })

  it.fails('should match a stored value holding NUL past the NUL in sqlite [sqlite-nul-in-value]', () => {
    const { engine, reference } = verdicts(createSqliteEngine, "  sel:\n    f|endswith: 'b'\n  condition: sel", [{ f: 'a\0b' }])
    expect(engine).toEqual(reference)
  })

  it.fails('should not let a rule regex exhaust PCRE backtracking in grep [grep-pcre-backtracking]', () => {
    const detection = "  sel:\n    f|re: '(?:([A-Z0-_].*?)*(?: |x)[:])(?:rdll32){2}'\n  condition: sel"
    const { engine, reference } = verdicts(() => createGrepEngine({ form: 'raw' }), detection, [{ f: 'A'.repeat(40) + 'x:rdll32rdll32' }, { f: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ABCDEFGHIJ' }])
    expect(engine).toEqual(reference)
  })

  it.fails('should keep an IPv4-mapped address out of an IPv4 network on Elasticsearch [lucene-ipv4-mapped-cidr]', () => {
    const { engine, reference } = verdicts(createLuceneEngine, '  sel:\n    ip|cidr: 10.0.0.0/8\n  condition: sel', [{ ip: '::ffff:a00:f6' }, { ip: '10.0.0.246' }])
    expect(engine).toEqual(reference)
  })

  it.fails('should evaluate a field used both as a number and as text in the lucene harness [lucene-mixed-field-types]', () => {
    const { engine, reference } = verdicts(createLuceneEngine, "  sel:\n    f|gt: 1\n  sel2:\n    f|endswith: 'c'\n  condition: sel or sel2", [{ f: 'abc' }, { f: 5 }])
    expect(engine).toEqual(reference)
  })
})

describe('known findings', () => {
  it('should recognise each open finding by its shape and nothing else', () => {
    const lucene = (query: string) => ({ kind: 'disagreement' as const, where: 'lucene', message: '1 missed, 0 false match(es)', detail: `query: ${query}\nevent: {}` })
    expect(knownFinding(lucene('*9* OR f:"172.192.172.10/32"'))?.id).toBe('lucene-mixed-field-types')
    expect(knownFinding(lucene('f:{1 TO *} OR g:x'))?.id).toBe('lucene-mixed-field-types')
    expect(knownFinding(lucene('a:"7" OR "7" OR f:"fc00:7cca::/0"'))?.id).toBe('lucene-mixed-field-types')
    expect(knownFinding(lucene('f:"x" AND g:y'))).toBeUndefined()
    expect(knownFinding(lucene('f:"x" AND g:"fc00::/7"'))).toBeUndefined()
    const mapped = (address: string) => ({ ...lucene('ip:"10.0.0.0/8"'), detail: `query: ip:"10.0.0.0/8"\nevent: {"ip":"${address}"}` })
    expect(['::ffff:a00:1', '0:0:0:0:0:ffff:10.0.0.1', '10.0.0.1'].map((a) => knownFinding(mapped(a))?.id)).toEqual(['lucene-ipv4-mapped-cidr', 'lucene-ipv4-mapped-cidr', undefined])
    const ipv4InIpv6 = (cidr: string) => ({ ...lucene(''), detail: `query: ip:"${cidr}"\nevent: {"ip":"10.0.0.1"}` })
    expect(['::/0', '::ffff:0:0/96', 'fc00::/7'].map((c) => knownFinding(ipv4InIpv6(c))?.id)).toEqual(['lucene-ipv4-mapped-cidr', 'lucene-ipv4-mapped-cidr', undefined])
    expect(knownFinding({ kind: 'engine-error', where: 'lucene', message: 'the engine rejects the query: "127.0.0.1\\r\\n" is not a number' })?.id).toBe('lucene-mixed-field-types')
    expect(knownFinding({ kind: 'engine-error', where: 'lucene', message: 'the engine rejects the query: `true` is not an IP address or network' })?.id).toBe('lucene-mixed-field-types')
    expect(knownFinding({ kind: 'exception', where: 'sqlite@none', message: 'convert threw: TypeError' })).toBeUndefined()
    const sqlite = (event: string) => ({ kind: 'disagreement' as const, where: 'sqlite', message: '1 missed, 0 false match(es)', detail: `query: SELECT * FROM "logs" WHERE "f" LIKE '%b' ESCAPE '\\'\nevent: ${event}` })
    expect([sqlite('{"f":"a\\u0000b"}'), sqlite('{"f":"ab"}')].map((f) => knownFinding(f)?.id)).toEqual(['sqlite-nul-in-value', undefined])
  })
})
