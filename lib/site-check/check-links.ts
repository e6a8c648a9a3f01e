import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { PageLink, PageScan } from './scan-html'
import { scanFiles } from './scan-pool'

/**
 * The export's link checker: every internal URL an HTML file of `out/` refers to has
 * its file (with trailingSlash semantics: `/x/` is `x/index.html`), every `#anchor`
 * names an element of its target page, every rule's `/r/<id>/` redirects to the rule's
 * page, and every URL of the committed stable list still has its page. It reads files
 * only: who wrote the HTML (Next, a post-build script) does not matter.
 *
 * A partial HTML file (no `<html>` element, e.g. a deferred panel `rules/<slug>/queries.html`)
 * is part of the page `index.html` of its folder: its ids count as that page's, and
 * its `#anchor` links point into that page. An `#anchor` on a redirect page (meta refresh,
 * such as `/r/<id>/#triage`) is looked for where the redirect lands.
 */

/** A rule the export must keep a stable link for. */
export interface LinkCheckRule {
  readonly id: string
  readonly slug: string
}

export interface LinkCheckOptions {
  /** The exported site (`out/`). */
  readonly out: string
  /** Rules whose `/r/<id>/index.html` must redirect to `/rules/<slug>/`. */
  readonly rules?: readonly LinkCheckRule[]
  /** URLs that must keep their page (the committed stable list). */
  readonly stableUrls?: readonly string[]
  /** Threads that parse HTML (0: this one); default by tree size. */
  readonly workers?: number
  /** Where each page's scan is kept by content hash between runs (none: scan every page). */
  readonly cacheDir?: string
}

export interface LinkProblem {
  /** The file under `out/` (posix, relative), with line and column when a link is at fault. */
  readonly file: string
  readonly line?: number
  readonly column?: number
  readonly message: string
  readonly code:
    | 'broken-link'
    | 'broken-anchor'
    | 'missing-trailing-slash'
    | 'malformed-url'
    | 'missing-redirect'
    | 'redirect-target'
    | 'lost-stable-url'
}

export interface LinkCheckReport {
  readonly files: number
  readonly pages: number
  readonly fragments: number
  /** Internal links checked, and of them the ones with an `#anchor` checked against ids. */
  readonly internal: number
  readonly anchors: number
  /** http(s) links to other hosts: counted, not fetched. */
  readonly external: number
  /** Other schemes (mailto:, data:, javascript:, …) by scheme. */
  readonly otherSchemes: Readonly<Record<string, number>>
  readonly redirects: number
  readonly stableUrls: number
  readonly problems: readonly LinkProblem[]
  readonly ms: number
}

/** The origin internal URLs are resolved against. */
const ORIGIN = 'http://atlas.invalid'

/** The site URL of a file under `out/` (`rules/x/index.html` → `/rules/x/`). */
export function fileUrl(file: string): string {
  return '/' + (file === 'index.html' || file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file)
}

/** The file under `out/` that serves a URL path (`/x/` → `x/index.html`), decoded. */
export function urlFile(pathname: string): string {
  const decoded = decodeURIComponent(pathname)
  return (decoded.endsWith('/') ? decoded + 'index.html' : decoded).replace(/^\/+/, '')
}

/** Every file under `out`, as posix paths relative to it. */
function listFiles(out: string): string[] {
  return readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
}

type Target =
  | { kind: 'internal'; file: string; hash: string; pathname: string }
  | { kind: 'external' }
  | { kind: 'other'; scheme: string }
  | { kind: 'malformed'; reason: string }

function resolveUrl(raw: string, base: string): Target {
  let url: URL
  try {
    url = new URL(raw, ORIGIN + base)
  } catch {
    return { kind: 'malformed', reason: 'not a URL' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'other', scheme: url.protocol.slice(0, -1) }
  if (url.origin !== ORIGIN) return { kind: 'external' }
  let file: string
  let hash = url.hash.slice(1)
  try {
    file = urlFile(url.pathname)
    hash = decodeURIComponent(hash)
  } catch {
    return { kind: 'malformed', reason: 'bad percent-encoding' }
  }
  return { kind: 'internal', file, hash, pathname: url.pathname }
}

/** Line and column (1-based) of an offset in a file. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { line, column: offset - lineStart + 1 }
}

/** Checks an exported tree; never throws for what it finds, every problem is in the report. */
export async function checkLinks(options: LinkCheckOptions): Promise<LinkCheckReport> {
  const started = performance.now()
  const out = path.resolve(options.out)
  const files = listFiles(out)
  const fileSet = new Set(files)
  const html = files.filter((f) => f.endsWith('.html'))
  const scanList = await scanFiles(
    html.map((f) => path.join(out, f)),
    options.workers,
    options.cacheDir,
  )
  const scans = new Map<string, PageScan>(html.map((f, i) => [f, scanList[i]!]))

  // A page's ids, with those of the partials of its folder.
  const fragmentsByDir = new Map<string, string[]>()
  for (const [file, scan] of scans) {
    if (!scan.fragment) continue
    const dir = path.posix.dirname(file)
    fragmentsByDir.set(dir, [...(fragmentsByDir.get(dir) ?? []), file])
  }
  const hostOf = (file: string): string => {
    const scan = scans.get(file)
    const host = path.posix.join(path.posix.dirname(file), 'index.html')
    return scan?.fragment && scans.has(host) && host !== file ? host : file
  }
  const idCache = new Map<string, Set<string>>()
  const idsOf = (file: string): Set<string> => {
    let ids = idCache.get(file)
    if (!ids) {
      ids = new Set(scans.get(file)?.ids)
      if (path.posix.basename(file) === 'index.html')
        for (const fragment of fragmentsByDir.get(path.posix.dirname(file)) ?? []) for (const id of scans.get(fragment)!.ids) ids.add(id)
      idCache.set(file, ids)
    }
    return ids
  }

  // Where a page that redirects (meta refresh; the site's redirect script keeps the #anchor) lands.
  const landing = (file: string): string => {
    for (let hops = 0; hops < 5; hops++) {
      const refresh = scans.get(file)?.refresh
      if (refresh === undefined) return file
      const next = resolveUrl(refresh, fileUrl(file))
      if (next.kind !== 'internal' || !scans.has(next.file) || next.file === file) return file
      file = next.file
    }
    return file
  }

  const problems: LinkProblem[] = []
  const located: { file: string; link: PageLink; message: string; code: LinkProblem['code'] }[] = []
  let internal = 0
  let anchors = 0
  let external = 0
  const otherSchemes: Record<string, number> = {}

  for (const [file, scan] of scans) {
    const host = hostOf(file)
    const pageUrl = fileUrl(host)
    const base = scan.base !== undefined ? (resolveUrl(scan.base, pageUrl) as { pathname?: string }).pathname ?? pageUrl : pageUrl
    for (const link of scan.links) {
      const target = resolveUrl(link.url, base)
      if (target.kind === 'external') external++
      else if (target.kind === 'other') otherSchemes[target.scheme] = (otherSchemes[target.scheme] ?? 0) + 1
      else if (target.kind === 'malformed')
        located.push({ file, link, code: 'malformed-url', message: `<${link.tag} ${link.attr}="${link.url}">: ${target.reason}` })
      else {
        internal++
        if (!fileSet.has(target.file)) {
          const slash = fileSet.has(`${target.file}/index.html`)
          located.push({
            file,
            link,
            code: slash ? 'missing-trailing-slash' : 'broken-link',
            message: slash
              ? `<${link.tag} ${link.attr}="${link.url}"> links to a folder without its trailing slash: the page is ${target.pathname}/`
              : `<${link.tag} ${link.attr}="${link.url}"> has no file out/${target.file}`,
          })
          continue
        }
        if (target.hash === '' || !target.file.endsWith('.html')) continue
        anchors++
        const targetPage = target.file === file ? host : landing(hostOf(target.file))
        if (target.hash.toLowerCase() !== 'top' && !idsOf(targetPage).has(target.hash))
          located.push({
            file,
            link,
            code: 'broken-anchor',
            message: `<${link.tag} ${link.attr}="${link.url}">: no element with id "${target.hash}" in out/${targetPage}`,
          })
      }
    }
  }

  // Positions are computed for the problems only (one re-read per file at fault).
  const texts = new Map<string, string>()
  for (const problem of located) {
    let text = texts.get(problem.file)
    if (text === undefined) texts.set(problem.file, (text = readFileSync(path.join(out, problem.file), 'utf8')))
    problems.push({ file: problem.file, ...position(text, problem.link.offset), message: problem.message, code: problem.code })
  }

  let redirects = 0
  for (const rule of options.rules ?? []) {
    const file = `r/${rule.id}/index.html`
    const scan = scans.get(file)
    if (!scan) {
      problems.push({ file, code: 'missing-redirect', message: `rule ${rule.id} (${rule.slug}) has no stable link /r/${rule.id}/` })
      continue
    }
    redirects++
    const expected = `/rules/${rule.slug}/`
    const pageUrl = fileUrl(file)
    for (const [what, url] of [
      ['canonical link', scan.canonical],
      ['meta refresh', scan.refresh],
    ] as const) {
      if (url === undefined) {
        problems.push({ file, code: 'redirect-target', message: `the stable link of ${rule.slug} has no ${what}` })
        continue
      }
      const target = resolveUrl(url, pageUrl)
      if (target.kind !== 'internal' || target.pathname !== expected)
        problems.push({ file, code: 'redirect-target', message: `the ${what} of /r/${rule.id}/ points at ${url}, the rule's page is ${expected}` })
      else if (!fileSet.has(target.file))
        problems.push({ file, code: 'redirect-target', message: `the stable link of ${rule.slug} points at ${expected}, which has no page` })
    }
  }

  for (const url of options.stableUrls ?? []) {
    const target = resolveUrl(url, '/')
    if (target.kind !== 'internal' || !fileSet.has(target.file))
      problems.push({ file: 'reports/stable-urls.txt', code: 'lost-stable-url', message: `${url} is in the stable list but has no page in out/` })
  }

  return {
    files: files.length,
    pages: scanList.filter((s) => !s.fragment).length,
    fragments: scanList.filter((s) => s.fragment).length,
    internal,
    anchors,
    external,
    otherSchemes,
    redirects,
    stableUrls: options.stableUrls?.length ?? 0,
    problems,
    ms: performance.now() - started,
  }
}

/** One problem as a located diagnostic line. */
export function formatProblem(problem: LinkProblem, outLabel = 'out'): string {
  const where = problem.file.startsWith('reports/') ? problem.file : `${outLabel}/${problem.file}`
  const loc = problem.line !== undefined ? `:${problem.line}:${problem.column}` : ''
  return `${where}${loc}: error: ${problem.message} [${problem.code}]`
}
