import { apiRule } from './api'
import type { RuleDetail, RuleSummary } from './manifest-types'

/**
 * The per-rule machine files of the export, which are pure functions of the manifest:
 * `scripts/write-rule-files.tsx` writes them (with the rule pages) into `out/` after `next build` (as Next
 * routes they were most of its page-generation time). The site links to them with the
 * URL helpers below.
 */

/** A rule's page. */
export const ruleUrl = (slug: string) => `/rules/${slug}/`
/** A rule's stable link by id, for runbooks: a redirect to its current page. */
export const stableLinkUrl = (id: string) => `/r/${id}/`
/** A rule's other pipelines and output formats (HTML fragments), loaded by its queries panel on demand. */
export const queriesUrl = (slug: string) => `/rules/${slug}/queries.html`
/** One rule as `/api/rules.json` lists it, with every format. */
export const apiRuleUrl = (slug: string) => `/api/rules/${slug}.json`

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * The one script of every redirect page: the same text on each (so one CSP hash covers
 * them all), it reads the target from the canonical link and keeps the #anchor.
 */
export const REDIRECT_SCRIPT = `location.replace(document.querySelector('link[rel=canonical]').getAttribute('href')+location.hash)`

/**
 * The stable-link page: a canonical link, a meta refresh, the redirect script that keeps
 * the #anchor, and a plain link for anything that follows neither.
 */
export function redirectHtml(rule: Pick<RuleSummary, 'slug' | 'title'>): string {
  const href = escapeHtml(ruleUrl(rule.slug))
  const title = escapeHtml(rule.title)
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"/>` +
    `<title>${title} · Detection Atlas</title><meta name="robots" content="noindex"/>` +
    `<link rel="canonical" href="${href}"/><meta http-equiv="refresh" content="0; url=${href}"/>` +
    `<script>${REDIRECT_SCRIPT}</script></head>` +
    `<body><p>This rule now lives at <a href="${href}">${title}</a>.</p></body></html>\n`
  )
}

/** A file of the export: its path under `out/` (no leading slash) and its text. */
export interface StaticFile {
  readonly path: string
  readonly text: string
}

/** The machine files of one rule: its stable-link page and its API JSON. */
export function ruleStaticFiles(rule: RuleDetail): StaticFile[] {
  const file = (url: string, text: string) => ({ path: url.slice(1), text })
  return [file(`${stableLinkUrl(rule.id)}index.html`, redirectHtml(rule)), file(apiRuleUrl(rule.slug), JSON.stringify(apiRule(rule)))]
}
