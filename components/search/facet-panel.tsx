'use client'

import { useState } from 'react'
import { FACETS, type FacetCount, type FacetKey } from '@/lib/search/facets'

const SHOWN = 8

/** The facet checkboxes, each value with how many rules it would give. */
export function FacetPanel({
  facets,
  onToggle,
}: {
  facets: Record<FacetKey, FacetCount[]>
  onToggle: (key: FacetKey, value: string) => void
}) {
  const [expanded, setExpanded] = useState<Partial<Record<FacetKey, boolean>>>({})
  return (
    <div className="space-y-4 text-sm">
      {FACETS.map((facet) => {
        const values = 'linkOnly' in facet ? facets[facet.key].filter((v) => v.selected) : facets[facet.key]
        if (!values.length) return null
        const open = expanded[facet.key] || values.length <= SHOWN + 2
        const shown = open ? values : values.filter((v, i) => i < SHOWN || v.selected)
        return (
          <fieldset key={facet.key} data-facet={facet.key}>
            <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{facet.label}</legend>
            <ul className="space-y-0.5">
              {shown.map((v) => (
                <li key={v.value}>
                  <label className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800">
                    <input
                      type="checkbox"
                      name={facet.key}
                      value={v.value}
                      checked={v.selected}
                      onChange={() => onToggle(facet.key, v.value)}
                      className="mt-0.5 accent-indigo-600"
                    />
                    <span className="min-w-0 flex-1 break-words">{v.name}</span>
                    <span className="font-mono text-xs text-slate-600 dark:text-slate-400" data-count>
                      {v.count}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {!open ? (
              <button
                type="button"
                onClick={() => setExpanded((e) => ({ ...e, [facet.key]: true }))}
                className="mt-1 text-xs text-indigo-700 underline dark:text-indigo-300"
              >
                Show all {values.length}
              </button>
            ) : null}
          </fieldset>
        )
      })}
    </div>
  )
}
