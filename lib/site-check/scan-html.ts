import { Parser } from 'htmlparser2'

/** One URL a page refers to: the element and attribute it came from, and the URL as written. */
export interface PageLink {
  readonly tag: string
  readonly attr: string
  readonly url: string
  /** Offset of the element's start tag in the file (for the line and column of a problem). */
  readonly offset: number
}

/** What the link checker needs from one HTML file. */
export interface PageScan {
  /** Element ids, and `name`s of `<a>` elements (both are fragment targets). */
  readonly ids: string[]
  readonly links: PageLink[]
  /** The `<base href>`, when the page has one. */
  readonly base?: string
  /** `<link rel=canonical>` and the meta refresh URL: what a redirect page points at. */
  readonly canonical?: string
  readonly refresh?: string
  /** No `<html>` element: a partial (a deferred panel) that a page of the same folder loads into itself. */
  readonly fragment: boolean
}

/** Attributes that hold one URL, by element (`*`: any element). */
const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  '*': ['href', 'src', 'xlink:href'],
  video: ['poster'],
  object: ['data'],
  blockquote: ['cite'],
  q: ['cite'],
  ins: ['cite'],
  del: ['cite'],
}
/** `<link rel>` values that name a host to connect to, not a resource. */
const CONNECTION_HINTS = new Set(['preconnect', 'dns-prefetch'])

/**
 * The URLs of a `srcset` attribute (image candidate strings: a URL, then optional
 * descriptors, separated by commas — a comma directly after a URL belongs to the URL
 * only when it is not followed by white space, as in the HTML standard's parser).
 */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = []
  let i = 0
  const space = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f'
  while (i < value.length) {
    while (i < value.length && (space(value[i]) || value[i] === ',')) i++
    if (i >= value.length) break
    const start = i
    while (i < value.length && !space(value[i])) i++
    let url = value.slice(start, i)
    let trailing = false
    while (url.endsWith(',')) {
      url = url.slice(0, -1)
      trailing = true
    }
    if (url) urls.push(url)
    if (trailing) continue
    // descriptors, up to the next comma outside parentheses
    let depth = 0
    while (i < value.length && (depth > 0 || value[i] !== ',')) {
      if (value[i] === '(') depth++
      else if (value[i] === ')') depth = Math.max(0, depth - 1)
      i++
    }
  }
  return urls
}

/** The URL of a meta refresh `content` ("0; url=/x/"), if it has one. */
export function refreshUrl(content: string): string | undefined {
  const match = /^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/i.exec(content)
  let url = match?.[1]?.trim() ?? ''
  if ((url.startsWith("'") && url.endsWith("'")) || (url.startsWith('"') && url.endsWith('"'))) url = url.slice(1, -1)
  return url || undefined
}

/**
 * Reads one HTML file's ids and the URLs it refers to, with htmlparser2's tokenizer
 * (entities decoded, script and style text skipped as text). Only the start tags are
 * looked at, so a page of any size is one pass with no tree built.
 */
export function scanHtml(html: string): PageScan {
  const ids: string[] = []
  const links: PageLink[] = []
  let base: string | undefined
  let canonical: string | undefined
  let refresh: string | undefined
  let fragment = true
  const parser = new Parser(
    {
      onopentag(tag, attribs) {
        if (tag === 'html') fragment = false
        if (attribs.id) ids.push(attribs.id)
        if ((tag === 'a' || tag === 'area') && attribs.name) ids.push(attribs.name)
        if (tag === 'base') {
          if (attribs.href !== undefined) base ??= attribs.href
          return
        }
        if (tag === 'link') {
          const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/)
          if (rel.some((r) => CONNECTION_HINTS.has(r))) return
          if (rel.includes('canonical') && attribs.href !== undefined) canonical ??= attribs.href
        }
        if (tag === 'meta' && (attribs['http-equiv'] ?? '').toLowerCase() === 'refresh' && attribs.content) {
          const url = refreshUrl(attribs.content)
          if (url !== undefined) {
            refresh ??= url
            links.push({ tag, attr: 'http-equiv=refresh', url, offset: parser.startIndex })
          }
        }
        const offset = parser.startIndex
        for (const attr of URL_ATTRIBUTES['*']!) if (attribs[attr] !== undefined) links.push({ tag, attr, url: attribs[attr], offset })
        for (const attr of URL_ATTRIBUTES[tag] ?? []) if (attribs[attr] !== undefined) links.push({ tag, attr, url: attribs[attr], offset })
        for (const attr of ['srcset', 'imagesrcset'])
          if (attribs[attr] !== undefined) for (const url of srcsetUrls(attribs[attr])) links.push({ tag, attr, url, offset })
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.end(html)
  return {
    ids,
    links,
    fragment,
    ...(base !== undefined ? { base } : {}),
    ...(canonical !== undefined ? { canonical } : {}),
    ...(refresh !== undefined ? { refresh } : {}),
  }
}
