'use client'

import { useCallback, useRef, useState } from 'react'
import { joinSearchData, type SearchCore, type SearchText } from '@/lib/search/documents'
import { SearchEngine } from '@/lib/search/engine'

export type LoadState = 'idle' | 'loading' | 'ready' | 'failed'

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return (await response.json()) as T
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(() => resolve(), { timeout: 1000 })
    else setTimeout(resolve, 200)
  })
}

/**
 * The search engine, loaded on first use (`load()`): `/search/core.json` makes
 * it ready; `/search/text.json` (ids, descriptions) follows and `version` ticks
 * when it has been added, so results re-run with descriptions searched too.
 */
export function useSearchEngine() {
  const engine = useRef<SearchEngine | null>(null)
  const started = useRef(false)
  const [state, setState] = useState<LoadState>('idle')
  const [version, setVersion] = useState(0)

  const load = useCallback(() => {
    if (started.current) return
    started.current = true
    setState('loading')
    fetchJson<SearchCore>('/search/core.json')
      .then((core) => {
        engine.current = new SearchEngine(joinSearchData(core))
        setState('ready')
        // The descriptions wait until the first results are on screen and the browser is idle.
        return idle().then(() =>
          fetchJson<SearchText>('/search/text.json').then((text) => {
            engine.current?.addText(joinSearchData(core, text))
            setVersion((v) => v + 1)
          }),
        )
      })
      .catch(() => setState((s) => (s === 'ready' ? s : 'failed')))
  }, [])

  return { engine: engine.current, state, version, load }
}
