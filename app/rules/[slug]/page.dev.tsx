import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { RulePage } from '@/components/rule-page'
import { getIndex, getRule } from '@/lib/catalog/manifest'

/**
 * Rule pages on the dev server only (next.config.js adds the `dev.tsx` page extension
 * in development): the export renders them with scripts/render-rule-pages.tsx instead,
 * as static HTML without the React runtime and cached by content hash.
 */
export const dynamicParams = false

export function generateStaticParams() {
  return getIndex().rules.map((r) => ({ slug: r.slug }))
}

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const rule = getRule((await params).slug)
  return rule ? { title: rule.title, description: rule.description } : {}
}

export default async function DevRulePage({ params }: Props) {
  const rule = getRule((await params).slug)
  if (!rule) notFound()
  return <RulePage rule={rule} targets={getIndex().targets} />
}
