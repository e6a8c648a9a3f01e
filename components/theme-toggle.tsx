'use client'

import { useEffect, useState } from 'react'
import { THEME_KEY } from './theme-script'

const systemDark = () => window.matchMedia('(prefers-color-scheme: dark)').matches

/**
 * Dark mode: follows the system until the reader picks the other one, which is
 * remembered (localStorage `atlas:theme`) and applied before the first paint by
 * the inline script in the layout's head. Choosing what the system says again
 * forgets the choice, so the page follows the system from then on.
 */
export function ThemeToggle() {
  const [dark, setDark] = useState<boolean | null>(null)

  useEffect(() => {
    const read = () => {
      const chosen = document.documentElement.dataset.theme
      setDark(chosen ? chosen === 'dark' : systemDark())
    }
    read()
    const media = window.matchMedia('(prefers-color-scheme: dark)')
    media.addEventListener('change', read)
    return () => media.removeEventListener('change', read)
  }, [])

  const toggle = () => {
    const next = !dark
    const root = document.documentElement
    try {
      if (next === systemDark()) window.localStorage.removeItem(THEME_KEY)
      else window.localStorage.setItem(THEME_KEY, next ? 'dark' : 'light')
    } catch {
      // Storage may be off (private mode, file share policy): the choice then lasts for this page.
    }
    if (next === systemDark()) delete root.dataset.theme
    else root.dataset.theme = next ? 'dark' : 'light'
    setDark(next)
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={dark ?? false}
      title={dark ? 'Switch to light mode' : 'Switch to dark mode'}
      className="ms-auto rounded border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <span aria-hidden="true">{dark ? '☀' : '☾'}</span>
      <span className="sr-only sm:not-sr-only sm:ms-1">Dark mode</span>
    </button>
  )
}
