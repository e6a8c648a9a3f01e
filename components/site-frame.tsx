import type { ReactNode } from 'react'
import { SiteHeader } from './site-header'

export const BODY_CLASS = 'min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100'

/** What every page's body holds around its content: the header, the main landmark and the footer. */
export function SiteFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-7xl px-4 py-5" data-pagefind-body>
        {children}
      </main>
      <footer className="mx-auto max-w-7xl px-4 py-6 text-xs text-slate-600 dark:text-slate-400" data-pagefind-ignore>
        ATT&CK® data © The MITRE Corporation, used under its terms of use. Detection Atlas is not affiliated with MITRE.
      </footer>
    </>
  )
}
