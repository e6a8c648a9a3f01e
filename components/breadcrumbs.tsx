import { Fragment } from 'react'

/** `ATT&CK matrix / Lateral Movement / T1021 Remote Services`: links up the hierarchy, then the page's kind. */
export function Breadcrumbs({ items, current }: { items: readonly { href: string; label: string }[]; current?: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
      {items.map((item, i) => (
        <Fragment key={item.href}>
          {i > 0 ? ' / ' : null}
          <a href={item.href} className="hover:underline">
            {item.label}
          </a>
        </Fragment>
      ))}
      {current ? <> / {current}</> : null}
    </nav>
  )
}
