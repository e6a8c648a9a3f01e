import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Breadcrumbs } from '@/components/breadcrumbs'
import { BoundedRuleList } from '@/components/bounded-rule-list'
import { getIndex, getRuleSummaries, getTechnique } from '@/lib/catalog/manifest'

export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return Object.keys(getIndex().techniques).map((id) => ({ id }))
}

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const technique = getTechnique((await params).id)
  return technique ? { title: `${technique.id} ${technique.name}`, description: technique.description } : {}
}

export default async function TechniquePage({ params }: Props) {
  const technique = getTechnique((await params).id)
  if (!technique) notFound()
  const index = getIndex()
  const parent = technique.parent ? getTechnique(technique.parent) : null
  const subtechniques = Object.values(index.techniques).filter((t) => t.parent === technique.id)
  const tactics = index.tactics.filter((t) => technique.tactics.includes(t.shortname))
  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <Breadcrumbs
          items={[
            { href: '/tactics/', label: 'ATT&CK matrix' },
            ...tactics.map((t) => ({ href: `/tactics/${t.shortname}/`, label: t.name })),
            ...(parent ? [{ href: `/techniques/${parent.id}/`, label: `${parent.id} ${parent.name}` }] : []),
          ]}
        />
        <h1 className="text-xl font-semibold">
          <span className="font-mono text-slate-500">{technique.id}</span> {technique.name}
        </h1>
        {!technique.known ? (
          <p className="text-sm text-amber-700 dark:text-amber-300">Not in the bundled ATT&CK {index.attackVersion} data.</p>
        ) : null}
        <p className="max-w-3xl text-slate-600 dark:text-slate-400">{technique.description}</p>
        <a href={technique.url} className="text-sm text-indigo-700 underline dark:text-indigo-300">
          {technique.id} on attack.mitre.org
        </a>
      </header>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Rules ({technique.rules.length})</h2>
        {technique.rules.length ? (
          <BoundedRuleList
            rules={getRuleSummaries(technique.rules)}
            filters={{ technique: [technique.id, ...subtechniques.filter((t) => t.rules.length).map((t) => t.id)] }}
            caption={`Rules for ${technique.id}`}
          />
        ) : (
          <p className="text-sm text-slate-500">No rule covers this technique yet: a coverage gap.</p>
        )}
      </section>
      {subtechniques.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Sub-techniques</h2>
          <ul className="grid gap-x-4 gap-y-0.5 text-sm sm:grid-cols-2">
            {subtechniques.map((s) => (
              <li key={s.id} className={s.rules.length ? '' : 'text-slate-500'}>
                <a href={`/techniques/${s.id}/`} className="hover:underline">
                  <span className="font-mono text-xs">{s.id}</span> {s.name}
                </a>{' '}
                {s.rules.length ? <span className="font-mono text-xs">({s.rules.length})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
