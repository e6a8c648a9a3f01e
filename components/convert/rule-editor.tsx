'use client'

import { useRef, type DragEvent } from 'react'
import type { Diagnostic } from '@/lib/sigma'

/**
 * A plain textarea with a line-number gutter that marks the lines with
 * problems, and the problems listed below it (each moves the caret to its
 * place). Lines do not wrap, so gutter and text stay aligned. A dropped
 * `.yml` file replaces the text.
 */
export function RuleEditor({
  text,
  diagnostics,
  onChange,
}: {
  text: string
  diagnostics: readonly Diagnostic[]
  onChange: (text: string) => void
}) {
  const area = useRef<HTMLTextAreaElement>(null)
  const gutter = useRef<HTMLDivElement>(null)
  const lines = text.split('\n').length
  const byLine = new Map<number, Diagnostic[]>()
  for (const d of diagnostics) byLine.set(d.location.start.line, [...(byLine.get(d.location.start.line) ?? []), d])

  const goTo = (d: Diagnostic) => {
    const el = area.current
    if (!el) return
    el.focus()
    const offset = d.location.start.offset ?? 0
    el.setSelectionRange(offset, d.location.end?.offset ?? offset)
  }
  const onDrop = (event: DragEvent<HTMLTextAreaElement>) => {
    const file = event.dataTransfer.files[0]
    if (!file) return
    event.preventDefault()
    void file.text().then(onChange)
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length

  return (
    <div className="space-y-2">
      <div className="flex overflow-hidden rounded border border-slate-400 bg-white focus-within:outline-2 focus-within:outline-indigo-600 dark:border-slate-600 dark:bg-slate-900">
        <div
          ref={gutter}
          aria-hidden="true"
          className="shrink-0 overflow-hidden border-e border-slate-200 bg-slate-50 py-2 text-right font-mono text-[13px] leading-5 text-slate-500 select-none dark:border-slate-700 dark:bg-slate-950 dark:text-slate-400"
        >
          {Array.from({ length: lines }, (_, i) => {
            const problems = byLine.get(i + 1)
            const level = problems?.some((d) => d.severity === 'error') ? 'error' : problems ? 'warning' : undefined
            return (
              <div
                key={i}
                data-line={i + 1}
                data-problem={level}
                title={problems?.map((d) => d.message).join('\n')}
                className={`px-2 ${level === 'error' ? 'bg-red-100 font-bold text-red-800 dark:bg-red-950 dark:text-red-200' : level === 'warning' ? 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' : ''}`}
              >
                {i + 1}
              </div>
            )
          })}
        </div>
        <textarea
          ref={area}
          id="rule"
          value={text}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop
          }}
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={errors > 0}
          aria-describedby="rule-problems"
          rows={Math.min(Math.max(lines + 1, 14), 32)}
          className="min-w-0 flex-1 resize-y bg-transparent px-3 py-2 font-mono text-[13px] leading-5 outline-none"
        />
      </div>
      <div id="rule-problems" aria-live="polite">
        {diagnostics.length ? (
          <ul className="space-y-1 text-sm">
            {diagnostics.map((d, i) => (
              <li key={i} data-diagnostic={d.severity} data-line={d.location.start.line}>
                <button
                  type="button"
                  onClick={() => goTo(d)}
                  className={`text-left hover:underline ${d.severity === 'error' ? 'text-red-700 dark:text-red-300' : 'text-amber-800 dark:text-amber-300'}`}
                >
                  <span className="font-mono">
                    Line {d.location.start.line}, column {d.location.start.column}
                  </span>
                  : {d.severity}: {d.message} <span className="font-mono text-xs">[{d.code}]</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-emerald-700 dark:text-emerald-300">No problems found.</p>
        )}
      </div>
    </div>
  )
}
