/**
 * A copy button for exactly `text` (the string the page shows, never its HTML). Plain
 * markup: components/behaviours/copy.ts does the copying, the confirmation and the
 * fallbacks, so the button works the same on rule pages (no React in the browser)
 * and in the converter.
 */
export function CopyButton({ text, label }: { text: string; label?: string | undefined }) {
  const name = label ? `Copy ${label}` : 'Copy'
  return (
    <button
      type="button"
      data-copy={text}
      data-copy-name={label}
      aria-label={name}
      title={name}
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
    >
      <span data-copy-label="">Copy</span>
    </button>
  )
}
