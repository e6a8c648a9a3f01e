import { getSearchFiles } from '@/lib/catalog/search'

export const dynamic = 'force-static'

/** `/search/text.json`: rule ids and descriptions, loaded after the first results. */
export function GET() {
  return Response.json(getSearchFiles().text)
}
