import { parse as parseToml } from 'smol-toml'
import { stringify } from 'yaml'
import { resolveThreat } from '../../attack'
import { LIMITS, nestedTooDeep, textTooLarge } from '../../sigma/limits'
import { bracketsTooDeep } from '../../sigma/nesting'
import { checkGuide } from '../guide'
import { elasticRuleFileSchema } from './elastic-schema'
import { transformsOf, withTransforms } from './elastic-rule'

/** A content page written by `atlas import`, or why the rule cannot become one. */
export type ImportedPage = { ok: true; page: string; note: 'own' | 'skeleton' } | { ok: false; reason: string }

/** The guide a team fills in: the four headings every guide has, each with a prompt. */
export const GUIDE_SKELETON = `## Triage

What to check first when this rule fires, and what makes the alert urgent.

## Investigation steps

Which events, hosts and accounts to look at next, and what each finding means.

## False-positive analysis

Which legitimate activity triggers this rule here, and how to recognise it.

## Response and remediation

How to contain, clean up and recover when the activity is malicious.
`

/** `sigma: |` for the rule text exactly as written (an indentation indicator when it starts with a space). */
function sigmaBlock(text: string): string {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\s+$/, '')
  const first = body.split('\n').find((l) => l.trim()) ?? ''
  const header = /^\s/.test(first) ? 'sigma: |2' : 'sigma: |'
  return `${header}\n${body
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n')}\n`
}

/** A Sigma file as a content page: the detection kept exactly, an investigation-guide skeleton to fill in. */
export function sigmaPage(text: string): ImportedPage {
  const tooLarge = textTooLarge('', text)
  if (tooLarge) return { ok: false, reason: tooLarge.message }
  return { ok: true, page: `---\n${sigmaBlock(text)}---\n${GUIDE_SKELETON}`, note: 'skeleton' }
}

/**
 * Markdown as an MDX body: `{`, `}` and `<` are escaped outside code (MDX would read
 * them as expressions and JSX); code blocks and code spans stay as they are.
 */
export function markdownToMdx(markdown: string): string {
  return markdown
    .split(/(^```[\s\S]*?^```[^\n]*$|`[^`\n]+`)/m)
    .map((part, i) => (i % 2 ? part : part.replace(/[{}<]/g, (c) => `\\${c}`)))
    .join('')
}

const STATUS: Record<string, string> = { production: 'stable', development: 'experimental', deprecated: 'deprecated' }

/**
 * An Elastic `.toml` rule as a native content page: the query kept exactly, the
 * metadata the page shows in frontmatter (ATT&CK as Sigma-style tags), and the
 * rule's note as the guide (the skeleton when it has none or it is not valid MDX).
 */
export function elasticPage(text: string, file: string): ImportedPage {
  const limit = textTooLarge(file, text)?.message ?? (bracketsTooDeep(text, { toml: true }) !== undefined ? nestedTooDeep('The TOML', { file, start: { line: 1, column: 1, offset: 0 } }).message : undefined)
  if (limit) return { ok: false, reason: limit }
  let data: unknown
  try {
    data = parseToml(text, { maxDepth: LIMITS.maxDepth })
  } catch (error) {
    return { ok: false, reason: `cannot parse the TOML: ${(error as Error).message.split('\n')[0]}` }
  }
  const checked = elasticRuleFileSchema.safeParse(data)
  if (!checked.success) return { ok: false, reason: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }
  const { metadata: meta, rule } = checked.data
  if (rule.query === undefined)
    return { ok: false, reason: `a ${rule.type} rule has no query to keep: build it from its Elastic source instead` }
  const language = rule.language ?? 'kuery'
  if (!['eql', 'kuery', 'esql', 'lucene'].includes(language)) return { ok: false, reason: `query language ${language} is not one a page can hold` }

  const tags: string[] = []
  for (const entry of resolveThreat(rule.threat ?? []).entries) {
    const tag = entry.kind === 'tactic' ? `attack.${entry.shortname}` : `attack.${entry.id.toLowerCase()}`
    if (!tags.includes(tag)) tags.push(tag)
  }
  const date = (d: string | undefined) => d?.replace(/\//g, '-')
  const interval = /^\d+[smhd]$/.test(rule.interval ?? '') ? rule.interval! : '5m'
  const lookback = /^now-(\d+[smhd])$/.exec(rule.from ?? '')?.[1] ?? '6m'
  const frontmatter: Record<string, unknown> = {
    id: rule.rule_id,
    title: rule.name,
    description: rule.description.trim(),
    status: STATUS[meta.maturity] ?? 'experimental',
    ...(tags.length ? { tags } : {}),
    ...(rule.references?.length ? { references: rule.references } : {}),
    ...(rule.false_positives?.length ? { falsepositives: rule.false_positives } : {}),
    author: rule.author.join(', '),
    date: date(meta.creation_date),
    ...(meta.updated_date ? { modified: date(meta.updated_date) } : {}),
    severity: rule.severity,
    risk_score: rule.risk_score,
    rule_type: rule.type,
    ...(rule.index?.length ? { indices: rule.index } : {}),
    schedule: { interval, lookback, max_alerts: rule.max_signals ?? 100 },
    ...(rule.license ? { license: rule.license } : {}),
    authors: rule.author,
    query: { language, text: rule.query.replace(/^\n+|\s+$/g, '') },
  }
  const yaml = stringify(frontmatter, { lineWidth: 0, blockQuote: 'literal' })
  let body = GUIDE_SKELETON
  let note: 'own' | 'skeleton' = 'skeleton'
  if (rule.note?.trim()) {
    const candidate = markdownToMdx(withTransforms(rule.note.trim(), transformsOf(checked.data))) + '\n'
    if (!checkGuide(file, candidate).diagnostics.some((d) => d.severity === 'error')) {
      body = candidate
      note = 'own'
    }
  }
  return { ok: true, page: `---\n${yaml}---\n${body}`, note }
}
