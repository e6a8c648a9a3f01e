'use client'

import { useDeferredValue, useEffect, useMemo, useState, type ChangeEvent } from 'react'
import { CopyButton } from '../copy-button'
import { LabelledSelect } from '../labelled-select'
import { convertText, TARGETS } from './convert-text'
import { EXAMPLE } from './example-rule'
import { RuleEditor } from './rule-editor'
import { decodeState, encodeState, type ConverterState } from './share-state'


const FORMAT_LABELS: Record<string, string> = {
  default: 'Query',
  watcher: 'Watcher JSON',
  'kibana-ndjson': 'Kibana NDJSON',
  savedsearches: 'savedsearches.conf',
  sentinel: 'Sentinel rule',
}

/**
 * The in-browser converter: the same parser, pipelines and backends as `atlas
 * convert`, run on every keystroke for every target. The rule and the choices
 * live in the URL fragment (never sent to a server), so a link reproduces them.
 */
export function Converter() {
  const [state, setState] = useState<ConverterState>({ text: EXAMPLE, pipelines: {}, formats: {} })
  const [origin, setOrigin] = useState('')

  useEffect(() => {
    setOrigin(`${window.location.origin}${window.location.pathname}`)
    const fromHash = () => {
      const shared = decodeState(window.location.hash)
      if (shared) setState(shared)
    }
    fromHash()
    window.addEventListener('hashchange', fromHash)
    return () => window.removeEventListener('hashchange', fromHash)
  }, [])

  const text = useDeferredValue(state.text)
  const converted = useMemo(
    () => convertText(text, { pipelines: state.pipelines, formats: state.formats }),
    [text, state.pipelines, state.formats],
  )
  const shareLink = `${origin}${encodeState(state)}`

  const update = (next: ConverterState) => {
    setState(next)
    window.history.replaceState(null, '', encodeState(next))
  }
  const openFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (file) void file.text().then((t) => update({ ...state, text: t }))
  }

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <section aria-labelledby="rule-label" className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="rule-label" className="text-lg font-semibold">
            <label htmlFor="rule">Sigma rule</label>
          </h2>
          <label className="text-sm text-slate-700 dark:text-slate-300">
            <span className="me-2">Open a .yml file</span>
            <input type="file" accept=".yml,.yaml,text/yaml" onChange={openFile} className="max-w-52 text-xs" />
          </label>
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">Paste or type a rule, or drop a .yml file on the editor.</p>
        <RuleEditor text={state.text} diagnostics={converted.diagnostics} onChange={(t) => update({ ...state, text: t })} />
        <div className="space-y-1 rounded border border-slate-200 p-3 dark:border-slate-800">
          <p className="text-sm font-medium">Share this rule and these choices</p>
          <p className="text-xs text-slate-600 dark:text-slate-400">The rule travels in the link&apos;s fragment (after #), which browsers never send to a server.</p>
          <div className="flex items-center gap-2">
            <label htmlFor="share-link" className="sr-only">
              Share link
            </label>
            <input
              id="share-link"
              readOnly
              value={shareLink}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
            />
            <CopyButton text={shareLink} label="share link" />
          </div>
        </div>
      </section>

      <section aria-labelledby="queries-label" className="min-w-0 space-y-3">
        <h2 id="queries-label" className="text-lg font-semibold">
          Queries{converted.document ? <span className="font-normal text-slate-600 dark:text-slate-400"> · {converted.document.title}</span> : null}
        </h2>
        {!converted.document ? <p className="text-sm text-slate-600 dark:text-slate-400">No rule to convert yet.</p> : null}
        {converted.results.map((result, i) => {
          const target = TARGETS[i]!
          return (
            <div key={target.id} data-target={target.id} className="overflow-hidden rounded border border-slate-200 dark:border-slate-800">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-slate-50 px-3 py-1.5 dark:border-slate-800 dark:bg-slate-900">
                <h3 className="text-sm font-semibold">{target.label}</h3>
                {target.pipelines.length > 1 ? (
                  <LabelledSelect
                    label="Pipeline"
                    value={state.pipelines[target.id] ?? target.pipelines[0]?.id ?? ''}
                    options={target.pipelines}
                    onChange={(value) => update({ ...state, pipelines: { ...state.pipelines, [target.id]: value } })}
                  />
                ) : null}
                {target.formats.length > 1 ? (
                  <LabelledSelect
                    label="Format"
                    value={state.formats[target.id] ?? 'default'}
                    options={target.formats.map((id) => ({ id, label: FORMAT_LABELS[id] ?? id }))}
                    onChange={(value) => update({ ...state, formats: { ...state.formats, [target.id]: value } })}
                  />
                ) : null}
                <span className="ms-auto">{result.ok ? <CopyButton text={result.query} label={`${target.label} query`} /> : null}</span>
              </div>
              {result.ok ? (
                <>
                  <pre data-query className="overflow-x-auto px-3 py-2 font-mono text-[13px] leading-5 whitespace-pre-wrap [overflow-wrap:anywhere]">
                    {result.query}
                  </pre>
                  {result.warnings.length ? (
                    <ul className="px-3 pb-2 text-xs text-amber-800 dark:text-amber-300">
                      {result.warnings.map((w, i) => (
                        <li key={i} data-line={w.location?.start.line}>
                          ⚠ {w.message}
                          {/* The editor numbers its lines: say which one the warning is about. */}
                          {w.location ? ` (line ${w.location.start.line})` : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </>
              ) : (
                <p data-reason className="px-3 py-2 text-sm text-slate-700 dark:text-slate-300">
                  {target.label} cannot express this rule: {result.reason} <span className="font-mono text-xs">[{result.code}]</span>
                </p>
              )}
            </div>
          )
        })}
      </section>
    </div>
  )
}
