import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkLinks, fileUrl, formatProblem, urlFile } from './check-links'
import { refreshUrl, scanHtml, srcsetUrls } from './scan-html'
import { addToStableList, readStableList, ruleStableUrls, unlisted } from './stable-urls'
import { useFixtureTrees } from './testing'

/** Writes a fixture `out/` tree (path → text) and returns its folder. */
const tree = useFixtureTrees()

const page = (body: string, head = '') => `<!DOCTYPE html><html lang="en"><head>${head}</head><body>${body}</body></html>\n`
const redirect = (slug: string) =>
  page(`<a href="/rules/${slug}/">moved</a>`, `<link rel="canonical" href="/rules/${slug}/"/><meta http-equiv="refresh" content="0; url=/rules/${slug}/"/>`)

const ID = '0f3f1c7e-8b4e-4b5c-9d0e-111111111111'
/** A small healthy site: home, a rule page with tabs, its deferred panel, its stable link, assets. */
const healthy = (): Record<string, string> => ({
  'index.html': page(
    `<a href="#main">Skip</a><main id="main"><a href="/rules/a/">A</a> <a href="/rules/a/#splunk">A in Splunk</a>` +
      `<a href="https://attack.mitre.org/">ATT&amp;CK</a><a href="mailto:x@example.org">mail</a>` +
      `<img src="/logo.svg" srcset="/logo.svg 1x, /logo@2x.svg 2x"></main>`,
    `<link rel="stylesheet" href="/_next/static/site.css"/><link rel="preconnect" href="https://fonts.example"/>` +
      `<script src="/_next/static/app.js"></script><link rel="icon" href="/icon.svg?v=1"/>`,
  ),
  'rules/a/index.html': page(
    `<nav><a href="#triage">Triage</a><a href="#queries">Queries</a><a href="#sqlite">SQLite</a></nav>` +
      `<h2 id="triage">Triage</h2><section id="queries"><div role="tab" id="tab-splunk"></div><div id="splunk"></div>` +
      `<a href="queries.json">json</a><a href="../../">home</a><a href="/r/${ID}/#triage">stable</a></section>`,
  ),
  // a partial written by a post-build script: its ids belong to the page of its folder
  'rules/a/queries.html': `<div id="sqlite"><a href="#splunk">back to Splunk</a><a href="/api/rules.json">api</a></div>`,
  'rules/a/queries.json': '{}',
  [`r/${ID}/index.html`]: redirect('a'),
  'api/rules.json': JSON.stringify({ rules: [{ id: ID, slug: 'a' }] }),
  '_next/static/site.css': '',
  '_next/static/app.js': '',
  'logo.svg': '<svg/>',
  'logo@2x.svg': '<svg/>',
  'icon.svg': '<svg/>',
})

describe('checkLinks', () => {
  it('should pass a tree whose links, anchors, partials and stable links all resolve', async () => {
    const report = await checkLinks({ out: tree(healthy()), rules: [{ id: ID, slug: 'a' }], stableUrls: ['/rules/a/', `/r/${ID}/`] })
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({ pages: 3, fragments: 1, external: 1, otherSchemes: { mailto: 1 }, redirects: 1, stableUrls: 2 })
    expect(report.anchors).toBe(7)
  })

  it('should report a link to a missing file with its line and column', async () => {
    const files = healthy()
    files['rules/a/index.html'] = page('\n<p>\n  <a href="/rules/b/">B</a></p><img src="/missing.png">')
    const report = await checkLinks({ out: tree(files) })
    const problems = report.problems.filter((p) => p.code === 'broken-link').map((p) => formatProblem(p))
    expect(problems).toEqual([
      'out/rules/a/index.html:3:3: error: <a href="/rules/b/"> has no file out/rules/b/index.html [broken-link]',
      'out/rules/a/index.html:3:32: error: <img src="/missing.png"> has no file out/missing.png [broken-link]',
    ])
  })

  it('should report an anchor that names no element, on another page and on the same page', async () => {
    const files = healthy()
    files['index.html'] = page('<a href="/rules/a/#elastic">x</a><a href="#nowhere">y</a><a href="#top">top</a><a href="#">self</a>')
    const report = await checkLinks({ out: tree(files) })
    expect(report.problems.map((p) => [p.code, p.message])).toEqual([
      ['broken-anchor', '<a href="/rules/a/#elastic">: no element with id "elastic" in out/rules/a/index.html'],
      ['broken-anchor', '<a href="#nowhere">: no element with id "nowhere" in out/index.html'],
    ])
  })

  it('should resolve an anchor in a partial against the page of its folder', async () => {
    const files = healthy()
    files['rules/a/queries.html'] = '<div id="sqlite"><a href="#kql">KQL</a></div>'
    const report = await checkLinks({ out: tree(files) })
    expect(report.problems.map((p) => p.message)).toEqual(['<a href="#kql">: no element with id "kql" in out/rules/a/index.html'])
  })

  it('should report a folder link without its trailing slash', async () => {
    const files = healthy()
    files['index.html'] = page('<a href="/rules/a">A</a>')
    const report = await checkLinks({ out: tree(files) })
    expect(report.problems.map((p) => p.code)).toEqual(['missing-trailing-slash'])
  })

  it('should report a rule without its stable link, and a stable link pointing elsewhere', async () => {
    const files = healthy()
    files['rules/b/index.html'] = page('<h1>B</h1>')
    files['r/22222222-2222-4222-8222-222222222222/index.html'] = redirect('a')
    const report = await checkLinks({
      out: tree(files),
      rules: [
        { id: ID, slug: 'a' },
        { id: '22222222-2222-4222-8222-222222222222', slug: 'b' },
        { id: '33333333-3333-4333-8333-333333333333', slug: 'c' },
      ],
    })
    expect(report.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([
      "redirect-target: the canonical link of /r/22222222-2222-4222-8222-222222222222/ points at /rules/a/, the rule's page is /rules/b/",
      "redirect-target: the meta refresh of /r/22222222-2222-4222-8222-222222222222/ points at /rules/a/, the rule's page is /rules/b/",
      'missing-redirect: rule 33333333-3333-4333-8333-333333333333 (c) has no stable link /r/33333333-3333-4333-8333-333333333333/',
    ])
  })

  it('should report a listed stable URL that lost its page', async () => {
    const report = await checkLinks({ out: tree(healthy()), stableUrls: ['/rules/a/', '/rules/renamed/', `/r/${ID}/`] })
    expect(report.problems.map((p) => formatProblem(p))).toEqual([
      'reports/stable-urls.txt: error: /rules/renamed/ is in the stable list but has no page in out/ [lost-stable-url]',
    ])
  })

  it('should give the same answer when pages are parsed on worker threads', async () => {
    const files = healthy()
    files['index.html'] = page('<a href="/nope/">x</a>')
    const out = tree(files)
    const [inline, threaded] = await Promise.all([checkLinks({ out, workers: 0 }), checkLinks({ out, workers: 2 })])
    expect(threaded.problems).toEqual(inline.problems)
    expect(threaded.internal).toBe(inline.internal)
  })
})

describe('scanHtml', () => {
  it('should read links from start tags only, not from script text or comments', () => {
    const scan = scanHtml(
      page('<script>self.__next_f.push(["<a href=\\"/x/\\">"])</script><!-- <a href="/y/"> --><a href="/z/?q=1&amp;r=2" id="z">z</a>'),
    )
    expect(scan.links.map((l) => l.url)).toEqual(['/z/?q=1&r=2'])
    expect(scan.ids).toEqual(['z'])
    expect(scan.fragment).toBe(false)
  })

  it('should parse srcset candidates and meta refresh URLs as the HTML standard reads them', () => {
    expect(srcsetUrls('/a.png 1x, /b,c.png 2x,/d.png')).toEqual(['/a.png', '/b,c.png', '/d.png'])
    expect(refreshUrl('0; url=/rules/a/')).toBe('/rules/a/')
    expect(refreshUrl("5;URL='/x/'")).toBe('/x/')
    expect(refreshUrl('3')).toBeUndefined()
  })
})

describe('URL and file mapping', () => {
  it('should map folder URLs to index.html and back', () => {
    expect(urlFile('/rules/a/')).toBe('rules/a/index.html')
    expect(urlFile('/')).toBe('index.html')
    expect(urlFile('/data/linux/-/syslog/')).toBe('data/linux/-/syslog/index.html')
    expect(urlFile('/a%20b.json')).toBe('a b.json')
    expect(fileUrl('rules/a/index.html')).toBe('/rules/a/')
    expect(fileUrl('404.html')).toBe('/404.html')
  })
})

describe('stable URL list', () => {
  it('should only ever add URLs, sorted, keeping the ones whose rules are gone', () => {
    const dir = tree({ 'stable-urls.txt': '# header\n/rules/old/\n/rules/b/\n' })
    const file = path.join(dir, 'stable-urls.txt')
    const current = ruleStableUrls([{ id: ID, slug: 'b' }])
    expect(unlisted(readStableList(file), current)).toEqual([`/r/${ID}/`])
    expect(addToStableList(file, current)).toBe(1)
    expect(readStableList(file)).toEqual([`/r/${ID}/`, '/rules/b/', '/rules/old/'])
    expect(readFileSync(file, 'utf8')).toMatch(/^# URLs of the project's own rules/)
  })
})
