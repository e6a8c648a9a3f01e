import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDiagnostic, type Diagnostic } from '../sigma/diagnostics'
import { aliasBomb } from '../sigma/testing/alias-bomb'
import { buildManifest, targetSummaries } from './build-manifest'
import { buildRule } from './build-rule'
import { highlightWithGrammar } from './highlight'
import { repoRoot } from './paths'
import { assignSlugs, MAX_SLUG_LENGTH, slugOf, slugProblem } from './sources/discover'
import { buildJob } from './sources/build-one'
import { buildElasticRule } from './sources/elastic-rule'
import { buildSigmaFile } from './sources/sigma-file'

/**
 * Issue 8, item 3: hostile rule files end in a located error naming the file, quickly (each
 * test finishes under vitest's default timeout; durations are printed), and a build writes
 * nothing outside its output and cache folders. Big and bomb files are made here, in a temp folder.
 */
const fixtures = path.join(repoRoot, 'lib/catalog/__fixtures__/hostile-limits')
const scratch = mkdtempSync(path.join(tmpdir(), 'atlas-hostile-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
const targets = targetSummaries()

const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await run()
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`)
  return result
}

const RULE = `title: Hostile
id: 0b7e6a52-1d1f-4c55-9a7e-3f2c1b0a9d8e
status: experimental
description: x
author: tests
date: 2026-11-01
logsource:
  product: windows
  category: process_creation
detection:
  sel:
    Image: x.exe
  condition: sel
level: low
`
const page = (frontmatter: string, body = '') => `---\n${frontmatter}---\n${body}`
const indented = (yaml: string) => `${yaml.trimEnd().replace(/^/gm, '  ')}\n`
const sigmaPage = (body = '') => page(`sigma: |\n${indented(RULE)}`, body)
const ELASTIC = readFileSync(path.join(fixtures, 'escape/elastic/escape_id.toml'), 'utf8').replace('".."', '"3c9f1a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b"')
const twentyMegabytes = (line: string) => line.repeat(Math.ceil(20_000_000 / line.length))

describe('hostile content pages (MDX)', () => {
  it('should refuse a 20 MB page before parsing it', async () => {
    const job = { type: 'content', display: 'content/rules/big.mdx', slug: 'big', text: sigmaPage(twentyMegabytes('Filler text.\n')), key: 'k' } as const
    const built = await timed('20 MB MDX', () => buildJob(job, targets))
    expect(errors(built.diagnostics)).toEqual([expect.stringMatching(/^content\/rules\/big\.mdx:1:1: error: The file is 20,\d{3},\d{3} bytes; .*\[file-too-large\]$/)])
  })

  it('should refuse an alias bomb in the frontmatter and in its sigma block', async () => {
    const inFrontmatter = await timed('frontmatter bomb', () => buildRule('bomb.mdx', 'bomb', page(`${aliasBomb()}sigma: |\n${indented(RULE)}`), targets))
    expect(errors(inFrontmatter.diagnostics)).toEqual([expect.stringMatching(/^bomb\.mdx:\d+:\d+: error: The frontmatter expands YAML aliases more than 100 times.*\[yaml-alias-limit\]$/)])
    const inSigma = await timed('sigma block bomb', () => buildRule('bomb.mdx', 'bomb', page(`sigma: |\n${indented(RULE + aliasBomb())}`), targets))
    expect(errors(inSigma.diagnostics)).toEqual([expect.stringMatching(/^bomb\.mdx:1[5-9]:\d+: error: .*\[yaml-alias-limit\]$/)])
  })

  it('should refuse frontmatter nested 10,000 deep at its line', async () => {
    const built = await buildRule('deep.mdx', 'deep', page(`tests: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`), targets)
    expect(errors(built.diagnostics)).toEqual([expect.stringMatching(/^deep\.mdx:2:\d+: error: The frontmatter is nested deeper than 64 levels.*\[nested-too-deep\]$/)])
  })

  it('should refuse a guide nested 10,000 deep (JSX, block quotes, emphasis, lists) without overflowing the stack', async () => {
    const bodies = {
      jsx: `${'<Kbd>'.repeat(10_000)}x${'</Kbd>'.repeat(10_000)}`,
      quotes: `${'> '.repeat(10_000)}x`,
      emphasis: `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`,
      lists: Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
    }
    for (const [name, body] of Object.entries(bodies)) {
      const built = await timed(`guide ${name}`, () => buildRule('deep.mdx', 'deep', sigmaPage(`\n## Triage\n\n${body}\n`), targets))
      expect(errors(built.diagnostics)).toEqual([expect.stringMatching(/^deep\.mdx:\d+:\d+: error: The investigation guide is nested deeper than 64 levels.*\[nested-too-deep\]$/)])
    }
  })

  it('should refuse a guide the markdown parser would take long over: too large, or too many emphasis runs in a paragraph', async () => {
    const bodies = {
      large: ['['.repeat(200_000), /^busy\.mdx:19:1: error: The investigation guide is 200,\d{3} bytes; markdown may be at most 131,072 bytes .*\[markdown-too-large\]$/],
      runs: [`Intro.\n\n${'a* '.repeat(300)}\n`, /^busy\.mdx:2\d:1: error: The investigation guide has a paragraph with more than 256 runs .*\[markdown-too-complex\]$/],
    } as const
    for (const [name, [body, expected]] of Object.entries(bodies)) {
      const built = await timed(`guide ${name}`, () => buildRule('busy.mdx', 'busy', sigmaPage(`\n${body}\n`), targets))
      expect(errors(built.diagnostics)).toEqual([expect.stringMatching(expected)])
    }
  })

  it('should run sample tests of a catastrophic-backtracking regex in linear time, on a short and a 400,000-character event', async () => {
    const file = path.join(fixtures, 'regex/catastrophic-regex.mdx')
    const text = readFileSync(file, 'utf8')
    const built = await buildRule('catastrophic-regex.mdx', 'catastrophic-regex', text, targets)
    expect(errors(built.diagnostics)).toEqual([])
    expect(built.detail!.tests).toEqual([
      { name: 'all a', match: true, passed: true },
      { name: 'a then a bang (exponential for a backtracking engine)', match: false, passed: true },
    ])
    const long = text.replaceAll(/'a{40}(!?)'/g, `'${'a'.repeat(400_000)}$1'`)
    const longBuilt = await timed('sample tests on 400,000 characters', () => buildRule('catastrophic-regex.mdx', 'catastrophic-regex', long, targets))
    expect(longBuilt.detail!.tests.map((t) => t.passed)).toEqual([true, true])
  })
})

describe('highlighting hostile text', () => {
  it('should leave a line too long for the grammar plain, and color the rest', async () => {
    const long = `title: ${' '.repeat(1_000_000)}x`
    const html = await timed('1 MB YAML line', () => highlightWithGrammar(`${long}\nlevel: high`, 'yaml'))
    expect(html).toContain(`title: ${' '.repeat(1_000_000)}x\n<span class="hl-`)
    const lines = await timed('1 MB of 990-character lines', () => highlightWithGrammar(Array(1_000).fill(`a: ${'and b or '.repeat(110)}`).join('\n'), 'yaml'))
    expect(lines.split('\n')).toHaveLength(1_000)
  })
})

describe('hostile Sigma files', () => {
  it('should accept a Sigma file just under the size limit (the page wrapper it is built in is larger)', async () => {
    const values = Array.from({ length: 70_000 }, (_, i) => `      - v${i}`).join('\n')
    const text = RULE.replace('    Image: x.exe', `    CommandLine|contains:\n${values}`).slice(0, 1_040_000).replace(/\n[^\n]*$/, '\n')
    expect(text.length).toBeGreaterThan(1_000_000)
    const built = await timed('a 1 MB Sigma file', () => buildSigmaFile('rules/x.yml', 'x', text, targets))
    expect(errors(built.diagnostics)).toEqual([])
  }, 60_000)

  it('should refuse a 20 MB file, an alias bomb and 10,000-deep YAML, located in the .yml', async () => {
    const cases = {
      big: [`${RULE}${twentyMegabytes('# filler\n')}`, /^rules\/x\.yml:1:1: error: The file is .*\[file-too-large\]$/],
      bomb: [`${RULE}${aliasBomb()}`, /^rules\/x\.yml:1[5-9]:\d+: error: .*\[yaml-alias-limit\]$/],
      deep: [RULE.replace('Image: x.exe', `Image: ${'['.repeat(10_000)}${']'.repeat(10_000)}`), /^rules\/x\.yml:12:\d+: error: The YAML is nested deeper .*\[nested-too-deep\]$/],
    } as const
    for (const [name, [text, expected]] of Object.entries(cases)) {
      const built = await timed(`sigma ${name}`, () => buildSigmaFile('rules/x.yml', 'x', text, targets))
      expect(errors(built.diagnostics)).toEqual([expect.stringMatching(expected)])
    }
  })
})

describe('hostile Elastic files', () => {
  it('should refuse a 20 MB file, 10,000-deep arrays, inline tables and dotted keys, and a 10,000-deep note', async () => {
    const cases = {
      big: [ELASTIC + twentyMegabytes('# filler\n'), /^x\.toml:1:1: error: The file is .*\[file-too-large\]$/],
      arrays: [`${ELASTIC}tags2 = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, /^x\.toml:15:\d+: error: The TOML is nested deeper .*\[nested-too-deep\]$/],
      tables: [`${ELASTIC}t = ${'{a = '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, /^x\.toml:15:\d+: error: The TOML is nested deeper .*\[nested-too-deep\]$/],
      keys: [`${ELASTIC}[${Array(10_000).fill('a').join('.')}]\nx = 1\n`, /^x\.toml:15:\d+: error: The TOML is nested deeper .*\[nested-too-deep\]$/],
      note: [ELASTIC.replace('[rule]\n', `[rule]\nnote = """${'> '.repeat(10_000)}x"""\n`), /^x\.toml:6:1: error: The `note` markdown is nested deeper .*\[nested-too-deep\]$/],
      runs: [ELASTIC.replace('[rule]\n', `[rule]\nsetup = """${'a* '.repeat(300)}"""\n`), /^x\.toml:6:1: error: The `setup` markdown has a paragraph with more than 256 runs .*\[markdown-too-complex\]$/],
    } as const
    for (const [name, [text, expected]] of Object.entries(cases)) {
      const built = await timed(`elastic ${name}`, () => buildElasticRule('x.toml', 'x', text))
      expect(errors(built.diagnostics)).toEqual([expect.stringMatching(expected)])
    }
  })
})

describe('slugs and ids', () => {
  it('should make every imported file name a safe slug', () => {
    for (const name of ['../../x.yml', '/etc/passwd.yml', 'a\0b.yml', '..', 'CON.yml', 'nul.aux.yml', 'Lpt1.toml', `${'a'.repeat(300)}.yml`, '....yml', 'C:\\x\\..\\y.yml'])
      expect(slugProblem(slugOf(name)), name).toBeUndefined()
    expect(slugOf('CON.yml')).toBe('con-rule')
    const long = `${'a'.repeat(300)}.yml`
    const entries = ['sigma', 'sigma', 'elastic'].map((type) => ({ type, baseSlug: slugOf(long) })) as never[]
    for (const slug of assignSlugs(entries)) expect(slugProblem(slug), slug).toBeUndefined()
    expect(slugOf(`${'a'.repeat(300)}.yml`)).toHaveLength(MAX_SLUG_LENGTH)
  })

  it('should say why a content file name is not a safe slug', () => {
    expect(slugProblem('..')).toMatch(/lower-case/)
    expect(slugProblem('con')).toMatch(/reserved device name/)
    expect(slugProblem('a'.repeat(MAX_SLUG_LENGTH + 1))).toMatch(/at most 120/)
  })
})

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

describe('a manifest build of hostile trees', () => {
  // sandbox/a/b/tree/{content,sigma,elastic,safe,out}: whatever a hostile name or id writes lands in the sandbox, where it is seen.
  const sandbox = path.join(scratch, 'sandbox')
  const tree = path.join(sandbox, 'a/b/tree')
  const out = path.join(tree, 'out')
  beforeAll(() => {
    cpSync(path.join(fixtures, 'escape'), tree, { recursive: true })
    cpSync(path.join(fixtures, 'safe/sigma'), path.join(tree, 'safe'), { recursive: true })
    mkdirSync(path.join(tree, 'sigma'), { recursive: true })
    writeFileSync(path.join(tree, 'sigma/big.yml'), `${RULE}${twentyMegabytes('# filler\n')}`)
    writeFileSync(path.join(tree, 'sigma/bomb.yml'), `${RULE}${aliasBomb()}`)
    writeFileSync(path.join(tree, 'sigma/deep.yml'), `${RULE}x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)
    writeFileSync(path.join(tree, `safe/${'Very_Long_Name_'.repeat(16)}.yml`), RULE.replace('0b7e6a52', '0b7e6a53'))
    writeFileSync(path.join(tree, 'elastic/big.toml'), ELASTIC + twentyMegabytes('# filler\n'))
    writeFileSync(path.join(tree, 'content/rules/big.mdx'), sigmaPage(twentyMegabytes('Filler text.\n')))
    writeFileSync(path.join(tree, `content/rules/${'a'.repeat(130)}.mdx`), sigmaPage())
    writeFileSync(path.join(sandbox, 'secret.yml'), RULE.replace('title: Hostile', 'title: A file outside the rule tree'))
    symlinkSync(path.join(sandbox, 'secret.yml'), path.join(tree, 'sigma/link.yml'))
    execFileSync('mkfifo', [path.join(tree, 'sigma/fifo.yml')]) // reading it would wait forever
    process.env.ATLAS_CACHE_DIR = path.join(out, 'cache')
  })
  afterAll(() => delete process.env.ATLAS_CACHE_DIR)

  it('should fail with an error naming each hostile file, and write no manifest', async () => {
    const before = filesUnder(sandbox)
    const result = await timed('hostile manifest build', () =>
      buildManifest({
        contentDir: path.join(tree, 'content'),
        sources: [
          { type: 'sigma', path: path.join(tree, 'sigma') },
          { type: 'elastic', path: path.join(tree, 'elastic') },
        ],
        outDir: path.join(out, 'manifest'),
        workers: 0,
      }),
    )
    expect(result.index).toBeNull()
    const problems = errors(result.diagnostics)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/content\/rules\/con\.mdx:1:1: error: The file name `con\.mdx` is the page's URL: `con` is a reserved device name on Windows \[content-slug\]$/),
        expect.stringMatching(/elastic\/escape_id\.toml:10:1: error: The rule id `\.\.` cannot be a stable link: .*\[unsafe-rule-id\]$/),
        expect.stringMatching(/sigma\/big\.yml:1:1: error: The file is 20,\d{3},\d{3} bytes; .*\[file-too-large\]$/),
        expect.stringMatching(/sigma\/bomb\.yml:\d+:\d+: error: .*\[yaml-alias-limit\]$/),
        expect.stringMatching(/sigma\/deep\.yml:15:\d+: error: .*\[nested-too-deep\]$/),
        expect.stringMatching(/elastic\/big\.toml:1:1: error: The file is 20,\d{3},\d{3} bytes; .*\[file-too-large\]$/),
        expect.stringMatching(/content\/rules\/big\.mdx:1:1: error: The file is 20,\d{3},\d{3} bytes; .*\[file-too-large\]$/),
        expect.stringMatching(/content\/rules\/a{130}\.mdx:1:1: error: The file name `a{130}\.mdx` is the page's URL: it is 130 characters long, at most 120 are allowed \[content-slug\]$/),
        expect.stringMatching(/sigma\/link\.yml:1:1: error: Not read: a rule file must be a regular file, this is a symbolic link \[not-a-regular-file\]$/),
        expect.stringMatching(/sigma\/fifo\.yml:1:1: error: Not read: a rule file must be a regular file, this is a device, FIFO or socket \[not-a-regular-file\]$/),
      ]),
    )
    expect(problems.join('\n')).not.toContain('A file outside the rule tree')
    const written = filesUnder(sandbox).filter((f) => !before.includes(f))
    expect(written.filter((f) => !f.startsWith('a/b/tree/out/cache/'))).toEqual([])
  })

  it('should give imported rules with hostile names safe slugs, and write only into the output and cache folders', async () => {
    const before = filesUnder(sandbox)
    const result = await buildManifest({
      contentDir: path.join(tree, 'no-content'),
      sources: [{ type: 'sigma', path: path.join(tree, 'safe') }],
      outDir: path.join(out, 'manifest'),
      workers: 0,
    })
    expect(errors(result.diagnostics)).toEqual([])
    const written = filesUnder(sandbox).filter((f) => !before.includes(f))
    expect(written.filter((f) => !f.startsWith('a/b/tree/out/cache/') && !f.startsWith('a/b/tree/out/manifest/'))).toEqual([])
    const pages = filesUnder(path.join(out, 'manifest/rules'))
    expect(pages).toEqual(['con-rule.json', 'nul-aux.json', `${slugOf(`${'Very_Long_Name_'.repeat(16)}.yml`)}.json`])
    for (const name of pages) expect(slugProblem(name.replace(/\.json$/, ''))).toBeUndefined()
  })
})
