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
}

const LANGUAGES = [...new Set(Object.values(GRAMMAR).filter((l) => l !== 'text'))] as BundledLanguage[]

let highlighter: Promise<Highlighter> | undefined

/**
 * Highlight code at build time, to HTML with light and dark colours as CSS
 * variables (`--shiki-light`, `--shiki-dark`); the site's CSS picks one.
 * Unknown languages (Lucene, KQL's Kibana cousin …) come out as escaped plain text.
 */
export async function highlight(code: string, language: string): Promise<string> {
  highlighter ??= createHighlighter({ themes: ['github-light', 'github-dark'], langs: LANGUAGES })
  const h = await highlighter
  return h.codeToHtml(code, {
    lang: GRAMMAR[language.toLowerCase()] ?? 'text',
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: false,
  })
}
