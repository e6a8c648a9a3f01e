/**
 * URLs from rule content (references, links in guides) are data from many hands:
 * only `http:`, `https:` and `mailto:` (and, where asked, relative links) may
 * become an `href`. Everything else — `javascript:`, `data:`, `vbscript:`,
 * `file:` … — is shown as text. Browsers drop tabs and newlines anywhere in a
 * URL and control characters and spaces around it before reading the scheme
 * (`java\tscript:`), so this does the same before deciding.
 */
export const SAFE_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:']

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/

/** What a browser reads from an `href` before resolving it (WHATWG URL: strip C0/space around, tab/newline inside). */
function browserView(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '')
}

/**
 * The `href` a URL from content may have, or null when it must be shown as text.
 * `relative: true` also allows links without a scheme (`/rules/x/`, `#triage`, `../a`),
 * but not `//host` or `\\host`, which leave the site like an absolute URL.
 */
export function safeHref(url: string, options: { relative?: boolean } = {}): string | null {
  const seen = browserView(url)
  if (!seen) return null
  const scheme = SCHEME.exec(seen)?.[1]
  if (scheme === undefined) {
    if (!options.relative || /^[/\\]{2}/.test(seen) || /^\/\\|^\\/.test(seen)) return null
    return seen
  }
  if (!SAFE_PROTOCOLS.includes(`${scheme.toLowerCase()}:`)) return null
  try {
    new URL(seen)
  } catch {
    return null
  }
  return seen
}

/** A rule's references as the manifest keeps them: the ones that may be links, and the rest, shown as text. */
export interface SplitReferences {
  /** Absolute http(s)/mailto URLs, as a browser reads them: safe to render as `<a href>`. */
  readonly references: string[]
  /** Everything else (`javascript:`, `data:`, a note like "internal research"), unchanged: render as text only. */
  readonly textReferences: string[]
}

/**
 * Split references at prebuild so that any renderer is safe by construction: a page that
 * renders `references` as links can only link http(s)/mailto; `textReferences` are shown as text.
 */
export function splitReferences(all: readonly string[]): SplitReferences {
  const references: string[] = []
  const textReferences: string[] = []
  for (const reference of all) {
    const href = safeHref(reference)
    if (href === null) textReferences.push(reference)
    else references.push(href)
  }
  return { references, textReferences }
}
