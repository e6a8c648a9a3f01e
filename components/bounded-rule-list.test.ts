import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { RuleSummary } from '@/lib/catalog/manifest-types'
import { parseState } from '@/lib/search/url-state'
import { BoundedRuleList, RULE_LIST_LIMIT, RULE_LIST_PREVIEW } from './bounded-rule-list'

const rule = (n: number, over: Partial<RuleSummary> = {}): RuleSummary => ({
  slug: `rule-${n}`,
  id: `id-${n}`,
  title: `Rule ${n}`,
  description: 'x'.repeat(400),
  severity: 'medium',
  kind: 'sigma',
  tactics: ['execution'],
  techniques: ['T1059'],
  logsource: null,
  logsourceSlug: null,
  targets: [],
  ...over,
})

const render = (rules: RuleSummary[]) =>
  renderToStaticMarkup(createElement(BoundedRuleList, { rules, filters: { tactic: ['execution'] }, caption: 'Rules for Execution' }))
const rows = (html: string) => html.match(/<tr class/g)?.length ?? 0
const link = (html: string) => /<a href="([^"]+)"[^>]*data-search-link/.exec(html)?.[1]?.replaceAll('&amp;', '&')

describe('BoundedRuleList', () => {
  it('should list every rule up to the limit, and link to the same rules in the search', () => {
    const html = render(Array.from({ length: RULE_LIST_LIMIT }, (_, i) => rule(i)))
    expect(rows(html)).toBe(RULE_LIST_LIMIT)
    expect(link(html)).toBe('/?tactic=execution&sort=severity')
    expect(html).not.toContain('x'.repeat(200)) // descriptions cut to one line's worth
  })

  it('should list only the most severe few beyond the limit, and send the reader to the search for all', () => {
    const html = render(Array.from({ length: RULE_LIST_LIMIT + 1 }, (_, i) => rule(i)))
    expect(rows(html)).toBe(RULE_LIST_PREVIEW)
    expect(html).toContain(`The ${RULE_LIST_PREVIEW} most severe of ${RULE_LIST_LIMIT + 1} rules`)
    expect(html).toContain(`All ${RULE_LIST_LIMIT + 1} rules in the search`)
  })

  it('should ask the search to show the deprecated and building-block rules the page counts', () => {
    const html = render([rule(1), rule(2, { buildingBlock: true }), rule(3, { status: 'deprecated' })])
    expect(parseState(link(html)!.slice(1)).filters).toEqual({ tactic: ['execution'], show: ['building-block', 'deprecated'] })
    expect(html).toContain('2 of them deprecated or building blocks')
  })
})
