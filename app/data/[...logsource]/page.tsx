import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Breadcrumbs } from '@/components/breadcrumbs'
import { BoundedRuleList } from '@/components/bounded-rule-list'
import { logsourceLabel } from '@/lib/catalog/logsource'
import { getIndex, getRuleSummaries } from '@/lib/catalog/manifest'

export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return getIndex().logsources.map((l) => ({ logsource: l.slug.split('/') }))
}

type Props = { params: Promise<{ logsource: string[] }> }

function load(parts: string[]) {
  const slug = parts.map(decodeURIComponent).join('/')
  return getIndex().logsources.find((l) => l.slug === slug) ?? null
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const source = load((await params).logsource)
  return source ? { title: `Data: ${source.slug}` } : {}
}

export default async function LogSourcePage({ params }: Props) {
  const source = load((await params).logsource)
  if (!source) notFound()
  const fields = Object.entries(source.fields).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <Breadcrumbs items={[{ href: '/data/', label: 'Data sources' }]} current="log source" />
        <h1 className="font-mono text-xl font-semibold">{source.slug}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{logsourceLabel(source.logsource)}</p>
      </header>
      {source.dataSources.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">What each pipeline reads</h2>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {source.dataSources.map((d) => (
              <div key={d.pipeline} className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800">
                <p className="font-medium leading-snug">{d.label}</p>
                <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
                  {d.facts.map((f) => (
                    <div key={f.label} className="contents">
                      <dt className="text-slate-500">{f.label}</dt>
                      <dd className="font-mono text-xs leading-5 break-all">{f.value}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </div>
        </section>
      ) : null}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Rules that need it ({source.rules.length})</h2>
        <BoundedRuleList rules={getRuleSummaries(source.rules)} filters={{ logsource: [source.slug] }} caption={`Rules that need ${source.slug}`} />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Fields read ({fields.length}) and their name in each pipeline</h2>
        <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-800">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-1.5 font-medium uppercase">Field</th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium uppercase">Rules</th>
                {source.dataSources.map((d) => (
                  <th key={d.pipeline} scope="col" className="px-3 py-1.5 font-mono font-medium" title={d.label}>
                    {d.pipeline}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 font-mono text-xs dark:divide-slate-800">
              {fields.map(([field, count]) => (
                <tr key={field}>
                  <td className="px-3 py-1">{field}</td>
                  <td className="px-3 py-1 text-right">{count}</td>
                  {source.dataSources.map((d) => {
                    const mapped = d.fields[field]
                    return (
                      <td key={d.pipeline} className={`px-3 py-1 ${mapped === field ? 'text-slate-400' : ''}`}>
                        {mapped ?? <span className="text-red-600 dark:text-red-400">not mapped</span>}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}
