import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Breadcrumbs } from '@/components/breadcrumbs'
import { BoundedRuleList } from '@/components/bounded-rule-list'
import { bySeverity, getIndex } from '@/lib/catalog/manifest'

export const dynamic = 'force-static'
export const dynamicParams = false

export function generateStaticParams() {
  return getIndex().tactics.map((t) => ({ tactic: t.shortname }))
}

type Props = { params: Promise<{ tactic: string }> }

function load(shortname: string) {
  return getIndex().tactics.find((t) => t.shortname === shortname) ?? null
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tactic = load((await params).tactic)
  return tactic ? { title: `${tactic.name} (${tactic.id})`, description: tactic.description } : {}
}

export default async function TacticPage({ params }: Props) {
  const tactic = load((await params).tactic)
  if (!tactic) notFound()
  const rules = bySeverity(getIndex().rules.filter((r) => r.tactics.includes(tactic.shortname)))
  const covered = tactic.techniques.filter((t) => t.count)
  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <Breadcrumbs items={[{ href: '/tactics/', label: 'ATT&CK matrix' }]} current="tactic" />
        <h1 className="text-xl font-semibold">
          {tactic.name} <span className="font-mono text-base text-slate-500">{tactic.known ? tactic.id : ''}</span>
        </h1>
        <p className="max-w-3xl text-slate-600 dark:text-slate-400">{tactic.description}</p>
        <a href={tactic.url} className="text-sm text-indigo-700 underline dark:text-indigo-300">
          {tactic.known ? `${tactic.id} on attack.mitre.org` : 'ATT&CK tactics on attack.mitre.org'}
        </a>
      </header>
      {tactic.techniques.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">
            Techniques ({covered.length} of {tactic.techniques.length} covered)
          </h2>
          <ul className="grid gap-x-4 gap-y-0.5 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {tactic.techniques.map((t) => (
              <li key={t.id} className={t.count ? '' : 'text-slate-500'}>
                <a href={`/techniques/${t.id}/`} className="hover:underline">
                  <span className="font-mono text-xs">{t.id}</span> {t.name}
                </a>{' '}
                {t.count ? <span className="font-mono text-xs">({t.count})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Rules ({rules.length})</h2>
        <BoundedRuleList rules={rules} filters={{ tactic: [tactic.shortname] }} caption={`Rules for ${tactic.name}`} />
      </section>
    </div>
  )
}
