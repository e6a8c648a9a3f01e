import type { ReactNode } from 'react'
import { BODY_CLASS, SiteFrame } from './site-frame'
import { THEME_SCRIPT } from './theme-script'

export interface DocumentHead {
  readonly title: string
  readonly description: string
  /** The stylesheets and icon Next emitted for the rest of the site, so every page looks the same. */
  readonly stylesheets: readonly string[]
  readonly icons: readonly { readonly href: string; readonly type?: string | undefined }[]
  readonly siteScript: string
}

/**
 * A whole page outside Next (rule pages of the export): the same head essentials,
 * theme script and frame as app/layout.tsx, and no React runtime — only the site's
 * behaviours script.
 */
export function StaticDocument({ head, children }: { head: DocumentHead; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${head.title} · Detection Atlas`}</title>
        <meta name="description" content={head.description} />
        {head.stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {head.icons.map((icon) => (
          <link key={icon.href} rel="icon" href={icon.href} type={icon.type} />
        ))}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        <script src={head.siteScript} defer />
      </head>
      <body className={BODY_CLASS}>
        <SiteFrame>{children}</SiteFrame>
      </body>
    </html>
  )
}
