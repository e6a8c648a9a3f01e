import { apiRules } from '@/lib/catalog/api'
import { getIndex, getRule } from '@/lib/catalog/manifest'

export const dynamic = 'force-static'

/** `/api/rules.json`: every rule (schema: `/api/rules.schema.json`). */
export function GET() {
  const index = getIndex()
  return Response.json(apiRules(index, index.rules.flatMap((r) => getRule(r.slug) ?? [])))
}
