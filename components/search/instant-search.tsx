'use client'

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { RULE_FLAGS } from '@/lib/search/documents'
import type { FacetKey } from '@/lib/search/facets'
import { EMPTY_STATE, parseState, serializeState, SORTS, toggleFilter, type SearchState } from '@/lib/search/url-state'
import { FacetPanel } from './facet-panel'
import { SearchResults } from './search-results'
import { useSearchEngine } from './use-search-engine'

const PAGE = 50

const isActive = (s: SearchState) => Boolean(s.q.trim()) || Object.keys(s.filters).length > 0 || s.sort !== 'relevance'

const isEditable = (el: Element | null) =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))

/**
 * The home page's search: results as you type, facets with counts, sorts, and
 * the whole state in the URL (`/?q=mmc&tactic=lateral-movement`; typing replaces
 * the history entry, a facet or sort change adds one, so Back undoes it). The
 * index loads on first use: focus, a key, or a URL that already holds a search.
 * `/` focuses the box; ↓ moves into the results, ↑/↓ between them, Enter opens.
 * `children` (the browsing home) shows while there is no search.
 */
export function InstantSearch({ total, children }: { total: number; children?: ReactNode }) {
  const [state, setState] = useState<SearchState>(EMPTY_STATE)
  const [limit, setLimit] = useState(PAGE)
  const { engine, state: loadState, version, load } = useSearchEngine()
  const input = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLOListElement>(null)
  const typing = useRef(false)

  useEffect(() => {
    const fromUrl = () => {
      const next = parseState(window.location.search)
      setState(next)
      typing.current = false
      if (isActive(next)) load()
    }
    fromUrl()
    window.addEventListener('popstate', fromUrl)
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isEditable(document.activeElement)) return
      event.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('popstate', fromUrl)
      window.removeEventListener('keydown', onKey)
    }
  }, [load])

  const commit = useCallback((next: SearchState, mode: 'push' | 'replace') => {
    setState(next)
    setLimit(PAGE)
    const url = `${window.location.pathname}${serializeState(next)}`
    if (mode === 'push') window.history.pushState(null, '', url)
    else window.history.replaceState(null, '', url)
  }, [])

  const answer = useMemo(
    // Newest first needs the dates, which come with the second file.
    () => (engine && isActive(state) && (state.sort !== 'newest' || version > 0) ? engine.search(state) : null),
    // `version` re-runs the search once descriptions have loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [engine, state, version],
  )

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      const first = list.current?.querySelector<HTMLAnchorElement>('a[data-result]')
      if (first) {
        event.preventDefault()
        first.focus()
      }
    } else if (event.key === 'Escape' && state.q) {
      commit({ ...state, q: '' }, 'replace')
    }
  }

  const active = isActive(state)
  const count = answer?.results.length ?? 0
  return (
    <div className="space-y-6">
      <form
        role="search"
        className="flex max-w-3xl flex-wrap gap-2"
        onSubmit={(e) => e.preventDefault()}
        action="/"
        data-index={loadState}
        data-text-loaded={version > 0 || undefined}
      >
        <label htmlFor="q" className="sr-only">
          Search rules
        </label>
        <input
          ref={input}
          id="q"
          name="q"
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-keyshortcuts="/"
          aria-describedby="search-hint"
          aria-controls={active ? 'search-results' : undefined}
          placeholder="Search rules, techniques (T1021.003), tactics…"
          value={state.q}
          onFocus={load}
          onPointerEnter={load}
          onKeyDown={onInputKey}
          onChange={(event) => {
            const mode = typing.current ? 'replace' : 'push'
            typing.current = true
            load()
            commit({ ...state, q: event.target.value }, mode)
          }}
          className="min-w-0 flex-1 rounded border border-slate-400 bg-white px-3 py-2 text-base shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-900"
        />
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          Sort
          <select
            value={state.sort}
            onChange={(event) => {
              typing.current = false
              load()
              commit({ ...state, sort: event.target.value as SearchState['sort'] }, 'push')
            }}
            className="rounded border border-slate-400 bg-white px-2 py-2 dark:border-slate-600 dark:bg-slate-900"
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {s === 'relevance' ? 'Relevance' : s === 'severity' ? 'Severity' : 'Newest'}
              </option>
            ))}
          </select>
        </label>
        <p id="search-hint" className="w-full text-xs text-slate-600 dark:text-slate-400">
          Press <kbd className="rounded border border-slate-300 px-1 font-mono dark:border-slate-600">/</kbd> to search, ↓ and ↑ to move
          through the results, Enter to open one. {total} rules; <a href="/?sort=severity" className="underline" onClick={(e) => {
            e.preventDefault()
            load()
            commit({ ...state, sort: 'severity' }, 'push')
          }}>browse them all with filters</a>.
        </p>
      </form>

      <p role="status" aria-live="polite" className={active ? 'text-sm text-slate-700 dark:text-slate-300' : 'sr-only'} data-testid="result-count">
        {!active
          ? ''
          : loadState === 'failed'
            ? 'The search index could not be loaded.'
            : !answer
              ? 'Loading the search index…'
              : `${count} ${count === 1 ? 'rule' : 'rules'}${state.q.trim() ? ` for “${state.q.trim()}”` : ''}`}
      </p>
      {active && answer?.hidden ? (
        <p className="-mt-4 text-xs text-slate-600 dark:text-slate-400" data-testid="hidden-count">
          {answer.hidden} deprecated or building-block {answer.hidden === 1 ? 'rule matches' : 'rules match'} too, hidden by default.{' '}
          <button
            type="button"
            className="text-indigo-700 underline dark:text-indigo-300"
            onClick={() => {
              typing.current = false
              commit({ ...state, filters: { ...state.filters, show: RULE_FLAGS } }, 'push')
            }}
          >
            Show them
          </button>
        </p>
      ) : null}

      {active && answer && engine ? (
        <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]" id="search-results">
          <details className="group lg:block" open data-facets>
            <summary className="cursor-pointer text-sm font-semibold lg:hidden">Filters</summary>
            <div className="mt-2 lg:mt-0">
              <FacetPanel
                facets={answer.facets}
                onToggle={(key: FacetKey, value: string) => {
                  typing.current = false
                  commit(toggleFilter(state, key, value), 'push')
                }}
              />
            </div>
          </details>
          <div className="min-w-0 space-y-3">
            {count ? (
              <SearchResults
                ref={list}
                results={answer.results}
                limit={limit}
                catalog={engine.catalog}
                query={state.q}
                onEscape={() => input.current?.focus()}
              />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400" data-query={state.q}>
                No rule matches. Try fewer words, or remove a filter.
              </p>
            )}
            {count > limit ? (
              <button
                type="button"
                onClick={() => setLimit((l) => l + PAGE)}
                className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600"
              >
                Show {Math.min(PAGE, count - limit)} more of {count - limit}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      {active ? null : children}
    </div>
  )
}
