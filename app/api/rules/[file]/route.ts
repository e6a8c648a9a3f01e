import { apiRule } from '@/lib/catalog/api'
import { getIndex, getRule } from '@/lib/catalog/manifest'

export const dynamic = 'force-static'
export const dynamicParams = false

/** `/api/rules/<slug>.json`: one rule, as in `/api/rules.json`. */
export function generateStaticParams() {
  return getIndex().rules.map((r) => ({ file: `${r.slug}.json` }))
}

export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params
  const rule = getRule(file.replace(/\.json$/, ''))
  if (!rule) return new Response('Not found', { status: 404 })
  return Response.json(apiRule(rule))
}
