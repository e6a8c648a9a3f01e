import { ThemeToggle } from './theme-toggle'

const NAV = [
  { href: '/', label: 'Rules' },
  { href: '/tactics/', label: 'ATT&CK matrix' },
  { href: '/data/', label: 'Data sources' },
  { href: '/convert/', label: 'Convert' },
  { href: '/api/rules.json', label: 'API' },
]

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950" data-pagefind-ignore>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-1 focus:text-sm focus:ring-2"
      >
        Skip to content
      </a>
      <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2.5">
        <a href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900 dark:text-slate-100">
          <svg aria-hidden="true" viewBox="0 0 32 32" className="h-6 w-6">
            <rect width="32" height="32" rx="6" className="fill-indigo-600" />
            <path d="M8 23 16 7l8 16M11 17h10" stroke="white" strokeWidth="3" fill="none" strokeLinejoin="round" />
          </svg>
          Detection Atlas
        </a>
        <ul className="order-last flex w-full flex-wrap gap-x-4 gap-y-1 text-sm sm:order-none sm:w-auto text-slate-600 dark:text-slate-400">
          {NAV.map((item) => (
            <li key={item.href}>
              <a href={item.href} className="hover:text-slate-900 hover:underline dark:hover:text-slate-100">
                {item.label}
              </a>
            </li>
          ))}
        </ul>
        <ThemeToggle />
      </nav>
    </header>
  )
}
