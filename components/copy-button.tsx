'use client'

import { useEffect, useRef, useState } from 'react'

type CopyState = 'idle' | 'copied' | 'manual'

/**
 * Copies exactly `text` (the string the page shows, never its HTML) and says so,
 * visibly on the button and to screen readers through a live region. Without
 * the Clipboard API (a page opened over plain http from a file share) it copies
 * through a hidden textarea; if the browser refuses that too, it shows the text
 * selected in a box, to copy with Ctrl+C.
 */
export function CopyButton({ text, label }: { text: string; label?: string | undefined }) {
  const [state, setState] = useState<CopyState>('idle')
  const manual = useRef<HTMLTextAreaElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => () => clearTimeout(timer.current), [])
  useEffect(() => {
    if (state === 'manual') manual.current?.select()
  }, [state])

  const copy = async () => {
    let copied = false
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text)
        copied = true
      }
    } catch {
      copied = false
    }
    if (!copied) copied = fallbackCopy(text)
    setState(copied ? 'copied' : 'manual')
    clearTimeout(timer.current)
    if (copied) timer.current = setTimeout(() => setState('idle'), 2000)
  }
  const name = label ? `Copy ${label}` : 'Copy'
  return (
    <>
      <button
        type="button"
        onClick={copy}
        aria-label={name}
        title={name}
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
      >
        {state === 'copied' ? 'Copied ✓' : 'Copy'}
      </button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'manual' ? 'Could not copy: the text is selected, press Control+C' : ''}
      </span>
      {state === 'manual' ? (
        <span className="mt-1 block w-full basis-full text-xs text-slate-700 dark:text-slate-300">
          The browser did not allow copying: press Ctrl+C (⌘C) to copy the selected text.
          <textarea
            ref={manual}
            readOnly
            value={text}
            aria-label={`${label ?? 'Text'} to copy`}
            onBlur={() => setState('idle')}
            className="mt-1 block h-24 w-full rounded border border-slate-300 p-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
          />
        </span>
      ) : null}
    </>
  )
}

/** Copies through a selected, off-screen textarea: works where the Clipboard API does not exist. */
function fallbackCopy(text: string): boolean {
  const focused = document.activeElement as HTMLElement | null
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.insetInlineStart = '-9999px'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  focused?.focus()
  return ok
}
