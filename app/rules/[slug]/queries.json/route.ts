import { getIndex, getRule } from '@/lib/catalog/manifest'
import { ruleQueries } from '@/lib/catalog/rule-queries'

export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return getIndex().rules.map((r) => ({ slug: r.slug }))
}

/** `/rules/<slug>/queries.json`: the rule's other pipelines and output formats (highlighted), loaded by its queries panel on demand. */
export async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
  const rule = getRule((await context.params).slug)
  if (!rule) return new Response('Not found', { status: 404 })
  return Response.json(ruleQueries(rule, getIndex().targets).deferred)
}
