import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { BODY_CLASS, SiteFrame } from '@/components/site-frame'
import { THEME_SCRIPT } from '@/components/theme-script'
import { readAssets } from '@/lib/catalog/manifest-files'
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
        <script src={readAssets().siteScript} defer />
      </head>
      <body className={BODY_CLASS}>
        <SiteFrame>{children}</SiteFrame>
      </body>
    </html>
  )
}
