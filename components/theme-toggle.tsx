/**
 * The dark-mode toggle: plain markup, driven by components/behaviours/theme.ts (which
 * sets `aria-pressed` and remembers the choice). The icon follows the applied theme
 * through CSS, so it is right before any script runs.
 */
export function ThemeToggle() {
  return (
    <button
      type="button"
      data-theme-toggle=""
      title="Switch between light and dark mode"
      className="ms-auto rounded border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <span aria-hidden="true" className="dark:hidden">
        ☾
      </span>
      <span aria-hidden="true" className="hidden dark:inline">
        ☀
      </span>
      <span className="sr-only sm:not-sr-only sm:ms-1">Dark mode</span>
    </button>
  )
}
