import { createHighlighter, type BundledLanguage, type Highlighter } from 'shiki'

/** Query and document languages → the shiki grammar that colours them best. */
const GRAMMAR: Record<string, BundledLanguage | 'text'> = {
  yaml: 'yaml',
  sigma: 'yaml',
  spl: 'splunk',
  splunk: 'splunk',
  kql: 'kusto',
  kusto: 'kusto',
  esql: 'sql',
  sql: 'sql',
  eql: 'sql',
  json: 'json',
  ndjson: 'json',
  ini: 'ini',
  conf: 'ini',
  savedsearches: 'ini',
  shell: 'shellscript',
  sh: 'shellscript',
}

const LANGUAGES = [...new Set(Object.values(GRAMMAR).filter((l) => l !== 'text'))] as BundledLanguage[]
const THEMES = { light: 'github-light', dark: 'github-dark' } as const
/** The themes' default colours: tokens in them need no span (the `pre` sets them). */
const PLAIN = { light: '#24292e', dark: '#e1e4e8', lightBg: '#fff', darkBg: '#24292e' }

let highlighter: Promise<Highlighter> | undefined

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * Highlight code at build time into compact HTML: each coloured token is a span
 * with one class naming its light and dark colour (`k032f62_9ecbff`), defined by
 * `highlightCss`. Shiki's own HTML (inline styles per token) is about 3× larger,
 * and rule pages carry dozens of queries. Unknown languages (Lucene …) are escaped text.
 */
export async function highlight(code: string, language: string): Promise<string> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: LANGUAGES })
  const h = await highlighter
  const lang = GRAMMAR[language.toLowerCase()] ?? 'text'
  const { tokens } = h.codeToTokens(code, { lang, themes: THEMES, defaultColor: false })
  const lines = tokens.map((line) => {
    let html = ''
    let open: string | null = null
    for (const token of line) {
      const style = (token.htmlStyle ?? {}) as Record<string, string>
      const light = (style['--shiki-light'] ?? PLAIN.light).toLowerCase()
      const dark = (style['--shiki-dark'] ?? PLAIN.dark).toLowerCase()
      const italic = /italic/.test(style['--shiki-light-font-style'] ?? '') ? '_i' : ''
      const name = light === PLAIN.light && dark === PLAIN.dark && !italic ? null : `k${light.slice(1)}_${dark.slice(1)}${italic}`
      if (name !== open) {
        if (open) html += '</span>'
        if (name) html += `<span class="${name}">`
        open = name
      }
      html += escape(token.content)
    }
    return open ? `${html}</span>` : html
  })
  return `<pre class="shiki" tabindex="0" data-language="${escape(language)}"><code>${lines.join('\n')}</code></pre>`
}

/** The CSS for every token class used in the given HTML: light colours, and dark ones for a dark scheme. */
export function highlightCss(htmls: Iterable<string>): string {
  const names = new Set<string>()
  for (const html of htmls) for (const match of html.matchAll(/class="(k[0-9a-f]+_[0-9a-f]+(?:_i)?)"/g)) names.add(match[1]!)
  const sorted = [...names].sort()
  const rule = (name: string, scheme: 'light' | 'dark') => {
    const [, light, dark, italic] = /^k([0-9a-f]+)_([0-9a-f]+)(_i)?$/.exec(name)!
    return `.shiki .${name}{color:#${scheme === 'light' ? light : dark}${italic ? ';font-style:italic' : ''}}`
  }
  return [
    `.shiki{color:${PLAIN.light};background-color:${PLAIN.lightBg}}`,
    ...sorted.map((n) => rule(n, 'light')),
    `@media (prefers-color-scheme:dark){.shiki{color:${PLAIN.dark};background-color:${PLAIN.darkBg}}${sorted.map((n) => rule(n, 'dark')).join('')}}`,
  ].join('\n')
}
