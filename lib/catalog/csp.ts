/**
 * The site's Content Security Policy, as a `<meta http-equiv>` in every exported page
 * (a static export cannot rely on the host sending headers). `applyCsp` reads a page with
 * a real HTML tokenizer (htmlparser2), hashes exactly the inline scripts and styles that
 * page carries, and inserts the policy before anything that loads or runs. It does not
 * care who wrote the page (Next, a post-build renderer, a redirect stub).
 */
import { createHash } from 'node:crypto'
import { Parser } from 'htmlparser2'

/** A `<script>` without `src` runs as JavaScript unless its type names something else (JSON, templates…). */
const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript', 'text/jscript'])

/** What one page needs beyond `'self'`: the sha256 sources of its inline scripts, `<style>` elements and `style` attributes. */
export interface PageSources {
  readonly scripts: readonly string[]
  readonly styles: readonly string[]
  readonly styleAttributes: readonly string[]
}

/** `'sha256-…'`: the hash a browser computes over an inline script's or style's text (HTML input has CRs normalised away). */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`
}

const sorted = (set: Set<string>) => [...set].sort()

/**
 * The policy for a page with these inline sources:
 * - scripts only from the site and the inline ones the build emitted (by hash); no `eval`, no event-handler attributes;
 * - `default-src 'self'`: images, fonts, fetches (the search index), workers and frames from the site only;
 * - `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`;
 * - styles from the site's stylesheets; an inline `<style>` or `style="…"` attribute only by the hash of what
 *   the build wrote (`'unsafe-hashes'` lets a hash cover an attribute; it is added only to pages that have
 *   one — today Next's built-in 404 page). Styles React sets at run time go through the CSSOM, which CSP does not restrict.
 * Deterministic (sorted), so that two builds of a commit write the same bytes.
 */
export function cspPolicy(sources: PageSources): string {
  const style = ["'self'", ...new Set([...sources.styles, ...sources.styleAttributes])].sort()
  if (sources.styleAttributes.length) style.splice(1, 0, "'unsafe-hashes'")
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...sources.scripts].join(' ')}`,
    `style-src ${style.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
}

export interface CspResult {
  /** The page with its policy. */
  readonly html: string
  readonly sources: PageSources
  readonly policy: string
}

/**
 * Whether `html` is a whole document (a doctype or an `<html>` tag near its start), not a
 * fragment such as a rule's `queries.html`: a fragment's scripts are governed by the policy
 * of the page it is inserted into, so it needs none of its own.
 */
export const isDocument = (html: string) => /^\s*(?:<!doctype\s+html|<html[\s>])/i.test(html.slice(0, 256))

/**
 * Read one HTML page for its policy (`applyCsp` then writes it in): hash its inline scripts (no `src`, a JavaScript type),
 * `<style>` elements and `style` attributes, and insert
 * `<meta http-equiv="Content-Security-Policy">` as the first element of `<head>` — after
 * `<meta charset>` when that comes first, as the encoding must be declared in the first 1024 bytes
 * and it loads nothing. A policy meta already there (a second run) is replaced, so the step is idempotent.
 */
export function planCsp(html: string): CspPlan {
  const scripts = new Set<string>()
  const styles = new Set<string>()
  const styleAttributes = new Set<string>()
  const existing: [number, number][] = []
  let insertAt = -1
  let afterHtml = -1
  let afterDoctype = -1
  let headOpen = -1
  let firstInHead = true
  let capture: 'script' | 'style' | null = null
  let text = ''

  const parser = new Parser(
    {
      onprocessinginstruction(name) {
        if (name.toLowerCase() === '!doctype') afterDoctype = parser.endIndex + 1
      },
      onopentag(name, attributes) {
        const end = parser.endIndex + 1
        if (headOpen >= 0 && firstInHead && name !== 'head') {
          firstInHead = false
          // Keep `<meta charset>` first; go right after it.
          if (name === 'meta' && 'charset' in attributes && insertAt === headOpen) insertAt = end
        }
        if (name === 'html' && afterHtml < 0) afterHtml = end
        else if (name === 'head' && headOpen < 0) insertAt = headOpen = end
        else if (name === 'meta' && attributes['http-equiv']?.toLowerCase() === 'content-security-policy') existing.push([parser.startIndex, end])
        else if (name === 'script' && !('src' in attributes) && JS_TYPES.has((attributes.type ?? '').trim().toLowerCase())) capture = 'script'
        else if (name === 'style') capture = 'style'
        if (attributes.style !== undefined) styleAttributes.add(hashSource(attributes.style))
        text = ''
      },
      ontext(chunk) {
        if (capture) text += chunk
      },
      onclosetag(name) {
        if (capture && name === capture) (capture === 'script' ? scripts : styles).add(hashSource(text))
        capture = null
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.end(html)

  const sources: PageSources = { scripts: sorted(scripts), styles: sorted(styles), styleAttributes: sorted(styleAttributes) }
  return { at: insertAt >= 0 ? insertAt : afterHtml >= 0 ? afterHtml : Math.max(afterDoctype, 0), existing, sources, policy: cspPolicy(sources) }
}

/** Where a page's policy goes, what it allows, and the earlier policies to remove: all `applyCsp` needs of the parse. */
export interface CspPlan {
  readonly at: number
  readonly existing: readonly (readonly [number, number])[]
  readonly sources: PageSources
  readonly policy: string
}

/** Writes a plan into its page. */
export function spliceCsp(html: string, plan: CspPlan): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${plan.policy}"/>`
  // Remove earlier policies (back to front so offsets hold), then insert at the position shifted by what was removed before it.
  let out = html
  let shift = 0
  for (const [start, end] of [...plan.existing].reverse()) {
    out = out.slice(0, start) + out.slice(end)
    if (end <= plan.at) shift += end - start
  }
  const position = plan.at - shift
  return out.slice(0, position) + meta + out.slice(position)
}

/** Give one HTML page its policy. */
export function applyCsp(html: string): CspResult {
  const plan = planCsp(html)
  return { html: spliceCsp(html, plan), sources: plan.sources, policy: plan.policy }
}
