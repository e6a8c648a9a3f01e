import { THEME_KEY } from '../theme-script'

/**
 * The dark-mode toggle (`button[data-theme-toggle]`, components/theme-toggle.tsx):
 * the page follows the system until the reader picks the other theme, which is
 * remembered (localStorage) and applied before the first paint by the inline script
 * in the head. Choosing what the system says again forgets the choice, so the page
 * follows the system from then on.
 */
export function installThemeToggle(doc: Document): void {
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const root = doc.documentElement
  const isDark = () => (root.dataset.theme ? root.dataset.theme === 'dark' : media.matches)
  const sync = () => {
    for (const button of doc.querySelectorAll<HTMLButtonElement>('button[data-theme-toggle]')) {
      button.setAttribute('aria-pressed', String(isDark()))
      button.title = isDark() ? 'Switch to light mode' : 'Switch to dark mode'
    }
  }
  doc.addEventListener('click', (event) => {
    if (!(event.target as Element | null)?.closest?.('button[data-theme-toggle]')) return
    const next = !isDark()
    try {
      if (next === media.matches) window.localStorage.removeItem(THEME_KEY)
      else window.localStorage.setItem(THEME_KEY, next ? 'dark' : 'light')
    } catch {
      // Storage may be off (private mode, file share policy): the choice then lasts for this page.
    }
    if (next === media.matches) delete root.dataset.theme
    else root.dataset.theme = next ? 'dark' : 'light'
    sync()
  })
  media.addEventListener('change', sync)
  sync()
}
