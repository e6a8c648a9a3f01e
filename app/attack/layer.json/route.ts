import { navigatorLayer } from '@/lib/attack'
import { getIndex } from '@/lib/catalog/manifest'
import { siteUrl } from '@/lib/catalog/paths'

export const dynamic = 'force-static'

/** An ATT&CK Navigator layer (format 4.5): techniques scored by rule count, linked to their rule pages. */
export function GET() {
  const index = getIndex()
  const site = siteUrl()
  const counts: Record<string, number> = {}
  const links: Record<string, { label: string; url: string }[]> = {}
  const titles = new Map(index.rules.map((r) => [r.slug, r.title]))
  for (const t of Object.values(index.techniques)) {
    // Rules named on the technique itself (a parent's count includes its sub-techniques' rules).
    if (!t.rules.length) continue
    counts[t.id] = t.rules.length
    links[t.id] = t.rules.map((slug) => ({ label: titles.get(slug) ?? slug, url: `${site}/rules/${slug}/` }))
  }
  return Response.json(
    navigatorLayer(counts, links, {
      name: 'Detection Atlas coverage',
      description: `Techniques scored by the number of Detection Atlas rules (ATT&CK ${index.attackVersion})`,
    }),
  )
}
