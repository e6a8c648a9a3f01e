import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from './diagnostics'
import { matches, parseSigma } from './index'
import { LIMITS, markdownTooComplex, utf8Size } from './limits'
import { bracketsTooDeep, mdxTooDeep, yamlCstTooDeep, yamlTooDeep } from './nesting'
import type { SigmaRule } from './rule'
import { aliasBomb } from './testing/alias-bomb'

const repoRoot = path.resolve(__dirname, '../..')
const corpus = path.resolve(repoRoot, '../shared/corpus')

const HEADER = 'title: Hostile\nlogsource:\n  product: windows\ndetection:\n'
const errorsOf = (text: string, options: { yamlReader?: 'yaml' } = {}) =>
  parseSigma(text, 'hostile.yml', options)
    .diagnostics.filter((d) => d.severity === 'error')
    .map(formatDiagnostic)

const timed = <T>(label: string, run: () => T): T => {
  const started = performance.now()
  const result = run()
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`)
  return result
}

describe('input limits of parseSigma', () => {
  it('should refuse a YAML alias bomb with a located error, through both YAML readers', () => {
    for (const yamlReader of [undefined, 'yaml'] as const) {
      const text = `${HEADER}  sel:\n    Image: x\n  condition: sel\n${aliasBomb()}`
      expect(timed(`alias bomb (${yamlReader ?? 'fast'})`, () => errorsOf(text, { yamlReader }))).toEqual([
        expect.stringMatching(/^hostile\.yml:\d+:\d+: error: .*aliases more than 100 times.*\[yaml-alias-limit\]$/),
      ])
    }
  })

  it('should refuse an alias bomb inside the detection, where the values are read', () => {
    const text = `${HEADER}${aliasBomb('  ')}  condition: l9\n`
    expect(errorsOf(text)).toEqual([expect.stringMatching(/^hostile\.yml:6:\d+: error: .*\[yaml-alias-limit\]$/)])
  })

  it('should still read a rule with a few aliases', () => {
    const text = `${HEADER}  sel:\n    Image: &img x.exe\n    ParentImage: *img\n  condition: sel\n`
    expect(errorsOf(text)).toEqual([])
  })

  it('should refuse a file over the size limit before parsing it', () => {
    const big = `${HEADER}  sel:\n    Image:\n${'      - x.exe\n'.repeat(1_500_000)}  condition: sel\n`
    expect(big.length).toBeGreaterThan(20_000_000)
    expect(timed('20 MB Sigma text', () => errorsOf(big))).toEqual([
      `hostile.yml:1:1: error: The file is ${big.length.toLocaleString('en-US')} bytes; a rule file may be at most 1,048,576 bytes (LIMITS.maxFileBytes), so it was not parsed [file-too-large]`,
    ])
  })

  it('should count the size in UTF-8 bytes', () => {
    expect(utf8Size('é'.repeat(LIMITS.maxFileBytes / 2 + 1))).toBe(LIMITS.maxFileBytes + 2)
    expect(utf8Size('😀'.repeat(LIMITS.maxFileBytes / 4))).toBe(LIMITS.maxFileBytes)
  })

  it('should refuse YAML nested 10,000 deep (flow, compact lists, block maps) at the place it goes too deep', () => {
    const flow = `${HEADER}  sel:\n    Image: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n  condition: sel\n`
    const dashes = `${HEADER}  sel:\n    Image:\n      ${'- '.repeat(10_000)}x\n  condition: sel\n`
    const maps = `${HEADER}  sel:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(4 + i)}k${i}:\n`).join('')}  condition: sel\n`
    const flowMaps = `${HEADER}  sel: ${'{a: '.repeat(10_000)}x${'}'.repeat(10_000)}\n  condition: sel\n`
    for (const [name, text] of Object.entries({ flow, dashes, maps, flowMaps }))
      for (const yamlReader of [undefined, 'yaml'] as const)
        expect(timed(`nested ${name}`, () => errorsOf(text, { yamlReader }))).toEqual([
          expect.stringMatching(/^hostile\.yml:\d+:\d+: error: The YAML is nested deeper than 64 levels \(LIMITS\.maxDepth\), so it was not parsed \[nested-too-deep\]$/),
        ])
  })

  it('should refuse conditions nested 10,000 deep', () => {
    const text = `${HEADER}  sel:\n    Image: x\n  condition: ${'('.repeat(10_000)}sel${')'.repeat(10_000)}\n`
    expect(errorsOf(text)).toEqual([expect.stringMatching(/^hostile\.yml:7:\d+: error: Condition nested deeper than 256 levels \[condition-too-deep\]$/)])
  })

  it('should match a catastrophic-backtracking regex in linear time (re2js) on a long input', () => {
    const rule = parseSigma(`${HEADER}  sel:\n    CommandLine|re: '^(a+)+$'\n  condition: sel\n`, 'regex.yml').documents[0] as SigmaRule
    const long = 'a'.repeat(1_000_000)
    // A backtracking engine takes 2^n steps on `a…a!` (n = 30 is already seconds); re2js, one pass.
    expect(timed('(a+)+$ on 1,000,000 a then !', () => matches(rule.expression, { CommandLine: `${long}!` }))).toBe(false)
    expect(timed('(a+)+$ on 1,000,000 a', () => matches(rule.expression, { CommandLine: long }))).toBe(true)
  })

  it('should reject backreferences and lookaround at parse time, located, saying why', () => {
    for (const pattern of ['(a+)\\1', 'cmd(?=\\.exe)', '(?<!x)cmd', '(?<=a)b'])
      expect(errorsOf(`${HEADER}  sel:\n    CommandLine|re: '${pattern}'\n  condition: sel\n`)).toEqual([
        expect.stringMatching(/^hostile\.yml:6:\d+: error: Invalid regular expression: .*rule regexes use RE2 syntax\) \[invalid-regex\]$/),
      ])
  })
})

describe('nesting scans', () => {
  const walk = (dir: string, pattern: RegExp, out: string[] = []): string[] => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full, pattern, out)
      else if (pattern.test(entry.name)) out.push(full)
    }
    return out
  }

  it('should accept every corpus rule file with room to spare (half the limit)', () => {
    const half = LIMITS.maxDepth / 2
    const deep = [
      ...walk(path.join(corpus, 'sigma'), /\.ya?ml$/).filter((f) => yamlTooDeep(readFileSync(f, 'utf8'), half) !== undefined),
      ...walk(path.join(corpus, 'elastic'), /\.toml$/).filter((f) => bracketsTooDeep(readFileSync(f, 'utf8'), { toml: true, limit: half }) !== undefined),
      ...walk(path.join(repoRoot, 'content'), /\.mdx$/).filter((f) => mdxTooDeep(readFileSync(f, 'utf8').split(/^---$/m).slice(2).join('---'), half) !== undefined),
    ]
    expect(deep).toEqual([])
  })

  it('should accept every Elastic note and setup and every content guide within the markdown limits', () => {
    const guides = [
      ...walk(path.join(corpus, 'elastic'), /\.toml$/).flatMap((f) => {
        const { rule } = parseToml(readFileSync(f, 'utf8')) as { rule: { note?: string; setup?: string } }
        return [rule.note, rule.setup].filter((t) => t !== undefined).map((t) => [f, t] as const)
      }),
      ...walk(path.join(repoRoot, 'content'), /\.mdx$/).map((f) => [f, readFileSync(f, 'utf8').split(/^---$/m).slice(2).join('---')] as const),
    ]
    expect(guides.length).toBeGreaterThan(2_000)
    const refused = guides.filter(([, text]) => markdownTooComplex('x', text, () => ({ file: 'x', start: { line: 1, column: 1, offset: 0 } }))).map(([f]) => f)
    expect(refused).toEqual([])
  })

  it('should find where YAML goes too deep, and skip quotes, comments and block scalars', () => {
    expect(yamlTooDeep('a: [[[x]]]', 3)).toBe(5)
    expect(yamlTooDeep('a: "[[[[[["\nb: \'[[[[\'\nc: x # [[[[[\nd: |\n  [[[[[[\n  {{{{{\n', 3)).toBeUndefined()
    expect(yamlTooDeep('a: x[[[[[y\n', 3)).toBeUndefined() // brackets inside a plain scalar
    expect(yamlTooDeep('- - - - x\n', 3)).toBe(4)
  })

  it('should measure YAML depth exactly on the CST, iteratively, even 100,000 levels deep', () => {
    expect(yamlCstTooDeep('a: [[x]]', 2)).toBe(4)
    expect(yamlCstTooDeep('a: [[x]]', 3)).toBeUndefined()
    expect(yamlCstTooDeep(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(3 + 63)
    // A block scalar's content that ends early is YAML again: the scan reads it as such too.
    const early = `title: x\ndetection:\n  - k: |\n    ${'['.repeat(100)}${']'.repeat(100)}\n`
    expect(yamlCstTooDeep(early)).toBeDefined()
    expect(yamlTooDeep(early)).toBeDefined()
  })

  it('should find deep JSON and TOML, and skip strings', () => {
    expect(bracketsTooDeep('{"a": "[[[[[[[["}', { limit: 2 })).toBeUndefined()
    expect(bracketsTooDeep('{"a": [[[1]]]}', { limit: 2 })).toBe(7)
    expect(bracketsTooDeep(`[${'a.'.repeat(5)}b]\nx = 1\n`, { toml: true, limit: 3 })).toBeDefined()
    expect(bracketsTooDeep(`q = '''\n[[[[[[\n'''\n`, { toml: true, limit: 2 })).toBeUndefined()
  })

  it('should find deep MDX: JSX elements, block quotes, lists and emphasis, but not code', () => {
    expect(mdxTooDeep(`${'<Callout>'.repeat(100)}x${'</Callout>'.repeat(100)}`)).toBeDefined()
    expect(mdxTooDeep(`${'> '.repeat(100)}x`)).toBeDefined()
    expect(mdxTooDeep(`${'*'.repeat(200)}x${'*'.repeat(200)}`)).toBeDefined()
    expect(mdxTooDeep(Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'))).toBeDefined()
    expect(mdxTooDeep(`\`\`\`\n${'> '.repeat(100)}\n\`\`\`\n**\`a\`** and <Kbd>x</Kbd> <Kbd/>`)).toBeUndefined()
  })
})
