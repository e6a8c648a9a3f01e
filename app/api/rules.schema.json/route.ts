import { apiRulesJsonSchema } from '@/lib/catalog/schemas/api'

export const dynamic = 'force-static'

export function GET() {
  return Response.json(apiRulesJsonSchema())
}
