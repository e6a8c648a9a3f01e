'use client'

import { forwardRef, type KeyboardEvent } from 'react'
import type { SearchData } from '@/lib/search/documents'
import type { SearchResult } from '@/lib/search/engine'
import { BuildingBlockBadge, DeprecatedBadge } from '../rule-flag-badges'
import { SeverityBadge } from '../severity-badge'

/** The result list: each rule a link; arrow keys move between them, Enter opens one. */
export const SearchResults = forwardRef<
  HTMLOListElement,
  {
    results: readonly SearchResult[]
    limit: number
    catalog: SearchData
    query: string
    onEscape: () => void
  }
>(function SearchResults({ results, limit, catalog, query, onEscape }, ref) {
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-result]')]
    const at = links.indexOf(document.activeElement as HTMLAnchorElement)
    if (at === -1) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = at + (event.key === 'ArrowDown' ? 1 : -1)
      if (next < 0) onEscape()
      else links[Math.min(next, links.length - 1)]?.focus()
    } else if (event.key === 'Escape') onEscape()
  }
  return (
    <ol ref={ref} onKeyDown={onKeyDown} data-query={query} className="divide-y divide-slate-100 rounded border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
      {results.slice(0, limit).map(({ doc, exact }) => (
        <li key={doc.slug}>
          <a
            href={`/rules/${doc.slug}/`}
            data-result={doc.slug}
            data-exact={exact || undefined}
            className="block px-3 py-2 hover:bg-slate-50 focus-visible:bg-indigo-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-900 dark:focus-visible:bg-indigo-950"
          >
            <span className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-indigo-700 dark:text-indigo-300">{doc.title}</span>
              <SeverityBadge severity={doc.severity} riskScore={doc.riskScore} />
              {doc.kind === 'native' ? <span className="rounded bg-slate-100 px-1 text-xs dark:bg-slate-800">native</span> : null}
              {doc.flags?.includes('building-block') ? <BuildingBlockBadge /> : null}
              {doc.flags?.includes('deprecated') ? <DeprecatedBadge /> : null}
            </span>
            {doc.description ? <span className="mt-0.5 line-clamp-2 block text-xs text-slate-600 dark:text-slate-400">{doc.description}</span> : null}
            <span className="mt-0.5 flex flex-wrap gap-x-3 font-mono text-xs text-slate-600 dark:text-slate-400">
              {doc.tactics.length ? <span>{doc.tactics.map((t) => catalog.tactics[t] ?? t).join(', ')}</span> : null}
              {doc.techniques.length ? <span>{doc.techniques.join(' ')}</span> : null}
              {doc.product || doc.category || doc.service ? (
                <span>{[doc.product, doc.category, doc.service].filter(Boolean).join('/')}</span>
              ) : null}
            </span>
          </a>
        </li>
      ))}
    </ol>
  )
})
