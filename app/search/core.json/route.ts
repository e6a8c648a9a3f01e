import { getSearchFiles } from '@/lib/catalog/search'

export const dynamic = 'force-static'

/** `/search/core.json`: every rule's title, slug and facet values; the home page's search loads it on first use. */
export function GET() {
  return Response.json(getSearchFiles().core)
}
