import type { RuleSummary } from '@/lib/catalog/manifest-types'
import { RULE_FLAGS, ruleFlags } from '@/lib/search/documents'
import type { Filters } from '@/lib/search/facets'
import { searchHref } from '@/lib/search/url-state'
import { RuleTable } from './rule-table'

/** Up to this many rules a page lists them all. */
export const RULE_LIST_LIMIT = 100
/** Beyond it, the page lists this many (most severe first) and sends the reader to the search for the rest. */
export const RULE_LIST_PREVIEW = 25

/**
 * The rules of a tactic, technique or log source, kept to a bounded list: at most
 * `RULE_LIST_LIMIT` rows, else the `RULE_LIST_PREVIEW` most severe and a link to the
 * search narrowed by `filters`, which lists every one of them (with filters of its
 * own). The link also asks for the deprecated and building-block rules among them,
 * which the search otherwise hides, so it finds as many rules as the page counts.
 * `rules` come most severe first.
 */
export function BoundedRuleList({ rules, filters, caption }: { rules: readonly RuleSummary[]; filters: Filters; caption: string }) {
  const flags = RULE_FLAGS.filter((f) => rules.some((r) => ruleFlags(r).includes(f)))
  const href = searchHref(flags.length ? { ...filters, show: flags } : filters)
  const flagged = rules.filter((r) => ruleFlags(r).length).length
  const all = (
    <a href={href} className="text-indigo-700 underline dark:text-indigo-300" data-search-link>
      {rules.length > RULE_LIST_LIMIT ? `All ${rules.length} rules in the search` : 'These rules in the search'}
    </a>
  )
  const note = flagged ? ` (${flagged} of them deprecated or building blocks)` : ''
  if (rules.length <= RULE_LIST_LIMIT)
    return (
      <div className="space-y-2">
        <RuleTable rules={rules} caption={caption} />
        {rules.length ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {all}, to narrow them by severity, log source or target{note}.
          </p>
        ) : null}
      </div>
    )
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The {RULE_LIST_PREVIEW} most severe of {rules.length} rules. {all}, with filters{note}.
      </p>
      <RuleTable rules={rules.slice(0, RULE_LIST_PREVIEW)} caption={`${caption}: the ${RULE_LIST_PREVIEW} most severe`} />
    </div>
  )
}
