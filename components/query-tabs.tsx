import type { ReactNode } from 'react'
import { variantKey } from './variant-key'

export interface QueryTabTarget {
  readonly id: string
  readonly label: string
  readonly pipelines: readonly { readonly id: string; readonly label: string }[]
  readonly formats: readonly { readonly id: string; readonly label: string }[]
}

const NONE = [{ id: '', label: '' }] as const

/**
 * The queries panel of a rule page: one tab per target, a pipeline switch and
 * output-format buttons, as plain markup that components/behaviours/query-tabs.ts
 * brings to life. `variants` are rendered into the page; every other combination
 * gets a placeholder filled from `deferredUrl` when a reader picks it. Without
 * script (or in print) the first tab and every target's default query show.
 */
export function QueryTabs({
  targets,
  variants,
  deferredUrl,
}: {
  targets: readonly QueryTabTarget[]
  variants: Readonly<Record<string, ReactNode>>
  deferredUrl: string
}) {
  const first = targets[0]?.id
  return (
    <div data-query-tabs="" data-deferred-url={deferredUrl}>
      <div role="tablist" aria-label="Target query languages" className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
        {targets.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={t.id === first}
            aria-controls={t.id}
            tabIndex={t.id === first ? 0 : -1}
            className="-mb-px rounded-t border border-transparent px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 aria-selected:border-slate-200 aria-selected:border-b-white aria-selected:bg-white aria-selected:text-indigo-700 dark:text-slate-400 dark:hover:text-slate-100 dark:aria-selected:border-slate-800 dark:aria-selected:border-b-slate-950 dark:aria-selected:bg-slate-950 dark:aria-selected:text-indigo-300"
          >
            {t.label}
          </button>
        ))}
      </div>
      {targets.map((t) => {
        const pipeline = t.pipelines[0]?.id ?? ''
        const format = t.formats[0]?.id ?? ''
        return (
          <div key={t.id} id={t.id} role="tabpanel" aria-labelledby={`tab-${t.id}`} data-print-label={t.label} data-default-pipeline={pipeline} data-default-format={format} hidden={t.id !== first} className="pt-3">
            {t.pipelines.length > 1 || t.formats.length > 1 ? (
              <div className="mb-2 flex flex-wrap items-center gap-4 text-sm">
                {t.pipelines.length > 1 ? (
                  <label className="flex min-w-0 items-center gap-2 text-slate-600 dark:text-slate-400">
                    Pipeline
                    <select
                      data-pipeline-select=""
                      defaultValue={pipeline}
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
                        data-format-button={f.id}
                        aria-pressed={f.id === format}
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
              (t.formats.length ? t.formats : NONE).map((f) => {
                const key = variantKey(t.id, p.id, f.id)
                return (
                  <div key={key} data-variant="" data-pipeline={p.id} data-format={f.id} hidden={p.id !== pipeline || f.id !== format}>
                    {variants[key] ?? (
                      <p data-slot={key} className="text-sm text-slate-500">
                        Loading…
                      </p>
                    )}
                  </div>
                )
              }),
            )}
          </div>
        )
      })}
    </div>
  )
}
