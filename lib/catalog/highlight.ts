import { createCssVariablesTheme, createHighlighter, type BundledLanguage, type Highlighter } from 'shiki'
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript'
import { LIMITS } from '../sigma/limits'
import { highlightJsonLines } from './highlight-json'

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

/**
 * One theme whose colours are token kinds (`var(--hl-token-keyword)`): code is
 * tokenized once (a light and a dark theme would tokenize it twice) and each token
 * gets a class (`hl-keyword`) that app/globals.css colours for light and dark.
 */
const theme = createCssVariablesTheme({ name: 'atlas', variablePrefix: '--hl-', fontStyle: true })

let highlighter: Promise<Highlighter> | undefined

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** `var(--hl-token-keyword)` → `hl-keyword`; the foreground colour needs no class. */
function tokenClass(color: string | undefined): string | null {
  const kind = color && /--hl-token-([a-z-]+)/.exec(color)?.[1]
  return kind ? `hl-${kind}` : null
}

/**
 * Highlight code at build time into compact HTML: each coloured token is a span
 * with one class naming its kind (`<span class="hl-string">`); `pre.shiki` and
 * the `hl-*` classes are styled in app/globals.css. Languages without a grammar
 * (Lucene …) come out as escaped text.
 */
export async function highlight(code: string, language: string): Promise<string> {
  const key = `${language}\0${code}`
  const known = memo.get(key)
  if (known !== undefined) return known
  const html = await render(code, language)
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!)
  memo.set(key, html)
  return html
}

/** Pipelines often leave a query unchanged (and formats embed it): highlight each text once. */
const memo = new Map<string, string>()
const MEMO_SIZE = 2000

async function render(code: string, language: string): Promise<string> {
  const lang = GRAMMAR[language.toLowerCase()] ?? 'text'
  // Output-format documents are most of the text: valid JSON takes the hand-written tokenizer.
  const json = lang === 'json' ? highlightJsonLines(code) : null
  if (json) return `<pre class="shiki" tabindex="0" data-language="${escape(language)}"><code>${json.join('\n')}</code></pre>`
  return highlightWithGrammar(code, language)
}

/**
 * Highlight with the shiki grammar alone (no fast path). Lines longer than `maxLine`
 * (`LIMITS.maxHighlightLine`, less in a large text; 0: no limit) are left plain: the
 * grammars take quadratic time on long lines. Shiki's default 500 ms wall-clock limit per
 * line is off: it made the output depend on the machine's load (a busy worker's first line
 * of a language paid the grammar's regex compilation and got cut), so two builds differed.
 */
export async function highlightWithGrammar(code: string, language: string, maxLine: number = LIMITS.maxHighlightLine): Promise<string> {
  highlighter ??= createHighlighter({ themes: [theme], langs: LANGUAGES, engine: createJavaScriptRegexEngine() })
  const lang = GRAMMAR[language.toLowerCase()] ?? 'text'
  const h = await highlighter
  const cap = code.length > LIMITS.largeHighlightText && maxLine ? Math.min(maxLine, LIMITS.maxHighlightLineInLargeText) : maxLine
  const { tokens } = h.codeToTokens(code, { lang, theme: 'atlas', tokenizeTimeLimit: 0, tokenizeMaxLineLength: cap })
  const lines = tokens.map((line) => {
    let html = ''
    let open: string | null = null
    for (const token of line) {
      const name = tokenClass(token.color)
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
