import { getMDXComponent } from 'mdx-bundler/client/jsx'
import * as runtime from 'react/jsx-runtime'
import type { ComponentProps, ReactNode } from 'react'

function Callout({ type = 'note', title, children }: { type?: string; title?: string; children?: ReactNode }) {
  const tone =
    type === 'warning'
      ? 'border-amber-400 bg-amber-50 dark:bg-amber-950/40'
      : type === 'tip'
        ? 'border-emerald-400 bg-emerald-50 dark:bg-emerald-950/40'
        : 'border-sky-400 bg-sky-50 dark:bg-sky-950/40'
  return (
    <aside className={`my-3 border-s-4 px-3 py-2 text-sm ${tone}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children}
    </aside>
  )
}

function Kbd({ children }: { children?: ReactNode }) {
  return <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">{children}</kbd>
}

function anchored(Tag: 'h2' | 'h3') {
  return function Heading({ id, children, ...rest }: ComponentProps<'h2'>) {
    return (
      <Tag id={id} {...rest} className="group scroll-mt-4">
        {children}
        {id ? (
          <a href={`#${id}`} aria-label={`Link to this section`} className="ms-2 text-slate-400 no-underline opacity-0 group-hover:opacity-100 focus:opacity-100">
            #
          </a>
        ) : null}
      </Tag>
    )
  }
}

const components = { Callout, Kbd, h2: anchored('h2'), h3: anchored('h3') }

/** The investigation guide, compiled at prebuild by mdx-bundler and rendered here on the server. */
export function Guide({ code }: { code: string }) {
  const Content = getMDXComponent(code, { _jsx_runtime: runtime })
  return (
    <div className="guide prose-sm max-w-none">
      <Content components={components} />
    </div>
  )
}
