import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { SiteHeader } from '@/components/site-header'
import { THEME_SCRIPT } from '@/components/theme-script'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Detection Atlas', template: '%s · Detection Atlas' },
  description: 'Threat-detection rules with investigation guides, mapped to MITRE ATT&CK and converted to every SIEM.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <SiteHeader />
        <main id="main" className="mx-auto max-w-7xl px-4 py-5" data-pagefind-body>
          {children}
        </main>
        <footer className="mx-auto max-w-7xl px-4 py-6 text-xs text-slate-600 dark:text-slate-400" data-pagefind-ignore>
          ATT&CK® data © The MITRE Corporation, used under its terms of use. Detection Atlas is not affiliated with MITRE.
        </footer>
      </body>
    </html>
  )
}
