import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getIndex } from '@/lib/catalog/manifest'

export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return getIndex().rules.map((r) => ({ uuid: r.id }))
}

type Props = { params: Promise<{ uuid: string }> }

function load(uuid: string) {
  return getIndex().rules.find((r) => r.id === uuid) ?? null
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const rule = load((await params).uuid)
  return rule ? { title: rule.title, robots: { index: false } } : {}
}

/**
 * A stable link by rule id, for runbooks: a static page that sends the reader to
 * the rule's current URL (meta refresh, plus a script that keeps the #anchor),
 * with a canonical link and a plain link for anything that follows neither.
 */
export default async function RedirectPage({ params }: Props) {
  const rule = load((await params).uuid)
  if (!rule) notFound()
  const href = `/rules/${rule.slug}/`
  return (
    <>
      <link rel="canonical" href={href} />
      <meta httpEquiv="refresh" content={`0; url=${href}`} />
      <script dangerouslySetInnerHTML={{ __html: `location.replace(${JSON.stringify(href)}+location.hash)` }} />
      <p className="text-sm">
        This rule now lives at <a href={href}>{rule.title}</a>.
      </p>
    </>
  )
}
