'use client'

import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { LabelledConversion } from '@/lib/catalog/rule-queries'
import { QueryVariant } from './query-variant'
import { variantKey } from './variant-key'

export interface QueryTabTarget {
  readonly id: string
  readonly label: string
  readonly pipelines: readonly { readonly id: string; readonly label: string }[]
  readonly formats: readonly { readonly id: string; readonly label: string }[]
}

const pipelineKey = (target: string) => `atlas:pipeline:${target}`
const NONE = [{ id: '', label: '' }] as const

/**
 * The queries panel of a rule page: one tab per target (each with its own
 * anchor: `#splunk` opens that tab), a pipeline switch remembered in
 * localStorage, and output-format buttons. Each target's default query is
 * rendered on the server (`variants`); other pipelines and the output formats
 * are fetched from `deferredUrl` the first time a reader asks for one.
 */
export function QueryTabs({
  targets,
  variants,
  deferred,
  deferredUrl,
}: {
  targets: readonly QueryTabTarget[]
  variants: Readonly<Record<string, ReactNode>>
  deferred: readonly string[]
  deferredUrl: string
}) {
  const [active, setActive] = useState(targets[0]?.id ?? '')
  const [pipelines, setPipelines] = useState<Record<string, string>>({})
  const [formats, setFormats] = useState<Record<string, string>>({})
  const [loaded, setLoaded] = useState<Record<string, LabelledConversion> | 'loading' | 'failed' | null>(null)
  const requested = useRef(false)

  const load = useCallback(() => {
    if (requested.current) return
    requested.current = true
    setLoaded('loading')
    fetch(deferredUrl)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((data: Record<string, LabelledConversion>) => setLoaded(data))
      .catch(() => setLoaded('failed'))
  }, [deferredUrl])

  const fromHash = useCallback(() => {
    const id = decodeURIComponent(window.location.hash.slice(1))
    if (targets.some((t) => t.id === id)) {
      setActive(id)
      document.getElementById('queries')?.scrollIntoView({ block: 'start' })
    }
  }, [targets])

  useEffect(() => {
    const stored: Record<string, string> = {}
    for (const t of targets) {
      const value = window.localStorage.getItem(pipelineKey(t.id))
      if (value && t.pipelines.some((p) => p.id === value)) stored[t.id] = value
    }
    setPipelines(stored)
    if (targets.some((t) => stored[t.id] !== undefined && stored[t.id] !== t.pipelines[0]?.id)) load()
    fromHash()
    window.addEventListener('hashchange', fromHash)
    return () => window.removeEventListener('hashchange', fromHash)
  }, [targets, fromHash, load])

  const select = (id: string, focus = false) => {
    setActive(id)
    window.history.replaceState(window.history.state, '', `#${id}`)
    if (focus) document.getElementById(`tab-${id}`)?.focus()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = targets.findIndex((t) => t.id === active)
    const keys: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: targets.length - 1 }
    const next = keys[event.key]
    if (next === undefined) return
    event.preventDefault()
    const target = targets[(next + targets.length) % targets.length]
    if (target) select(target.id, true)
  }

  const body = (key: string): ReactNode => {
    if (key in variants) return variants[key]
    if (!deferred.includes(key)) return <p className="text-sm text-slate-500">Not converted.</p>
    if (loaded === null || loaded === 'loading') return <p className="text-sm text-slate-500">Loading…</p>
    if (loaded === 'failed') return <p className="text-sm text-red-600">Could not load the output formats ({deferredUrl}).</p>
    const entry = loaded[key]
    return entry ? <QueryVariant conversion={entry.conversion} label={entry.label} /> : null
  }

  return (
    <div>
      <div role="tablist" aria-label="Target query languages" className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
        {targets.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={t.id === active}
            aria-controls={t.id}
            tabIndex={t.id === active ? 0 : -1}
            onClick={() => select(t.id)}
            onKeyDown={onKeyDown}
            className="-mb-px rounded-t border border-transparent px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 aria-selected:border-slate-200 aria-selected:border-b-white aria-selected:bg-white aria-selected:text-indigo-700 dark:text-slate-400 dark:hover:text-slate-100 dark:aria-selected:border-slate-800 dark:aria-selected:border-b-slate-950 dark:aria-selected:bg-slate-950 dark:aria-selected:text-indigo-300"
          >
            {t.label}
          </button>
        ))}
      </div>
      {targets.map((t) => {
        const pipeline = pipelines[t.id] ?? t.pipelines[0]?.id ?? ''
        const format = formats[t.id] ?? t.formats[0]?.id ?? ''
        return (
          <div key={t.id} id={t.id} role="tabpanel" aria-labelledby={`tab-${t.id}`} data-print-label={t.label} hidden={t.id !== active} className="pt-3">
            {t.pipelines.length > 1 || t.formats.length > 1 ? (
              <div className="mb-2 flex flex-wrap items-center gap-4 text-sm">
                {t.pipelines.length > 1 ? (
                  <label className="flex min-w-0 items-center gap-2 text-slate-600 dark:text-slate-400">
                    Pipeline
                    <select
                      value={pipeline}
                      onChange={(event) => {
                        const value = event.target.value
                        setPipelines((p) => ({ ...p, [t.id]: value }))
                        window.localStorage.setItem(pipelineKey(t.id), value)
                        if (value !== t.pipelines[0]?.id) load()
                      }}
                      className="max-w-[28rem] min-w-0 rounded border border-slate-300 bg-white px-2 py-0.5 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
                    >
                      {t.pipelines.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.label}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null}
                {t.formats.length > 1 ? (
                  <div role="group" aria-label="Output format" className="flex flex-wrap gap-1">
                    {t.formats.map((f) => (
                      <button
                        key={f.id}
                        type="button"
                        aria-pressed={f.id === format}
                        onClick={() => {
                          setFormats((x) => ({ ...x, [t.id]: f.id }))
                          if (f.id !== t.formats[0]?.id) load()
                        }}
                        className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-600 aria-pressed:border-indigo-500 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-800 dark:border-slate-600 dark:text-slate-300 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-200"
                      >
                        {f.label}
                      </button>
                    ))}
                  </div>
                ) : null}
              </div>
            ) : null}
            {(t.pipelines.length ? t.pipelines : NONE).flatMap((p) =>
              (t.formats.length ? t.formats : NONE).map((f) => (
                <div key={`${p.id}|${f.id}`} data-pipeline={p.id} data-format={f.id} hidden={p.id !== pipeline || f.id !== format}>
                  {p.id === pipeline && f.id === format ? body(variantKey(t.id, p.id, f.id)) : variants[variantKey(t.id, p.id, f.id)]}
                </div>
              )),
            )}
          </div>
        )
      })}
    </div>
  )
}
