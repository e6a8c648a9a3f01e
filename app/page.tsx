import { RuleTable } from '@/components/rule-table'
import { InstantSearch } from '@/components/search/instant-search'
import { getIndex } from '@/lib/catalog/manifest'

/**
 * Home: the instant search (`components/search/`) and the entry to the matrix. Its
 * results come from the search index loaded on first use; it lists no rules itself
 * beyond the ten most recently updated.
 */
export default function Home() {
  const index = getIndex()
  const bySeverity = ['critical', 'high', 'medium', 'low', 'informational'].map((s) => ({
    severity: s,
    count: index.rules.filter((r) => r.severity === s).length,
  }))
  const recent = [...index.rules]
    .sort((a, b) => (b.modified ?? b.date ?? '').localeCompare(a.modified ?? a.date ?? ''))
    .slice(0, 10)
  const covered = Object.values(index.techniques).filter((t) => t.rules.length).length
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Detection Atlas</h1>
        <p className="max-w-3xl text-slate-600 dark:text-slate-400">
          {index.rules.length} detection rules with investigation guides, mapped to MITRE ATT&CK {index.attackVersion} and
          converted to {index.targets.length} query languages.
        </p>
      </section>
      <InstantSearch total={index.rules.length}>
      <section aria-labelledby="browse" className="grid gap-4 sm:grid-cols-3">
        <h2 id="browse" className="sr-only">
          Browse
        </h2>
        <a href="/tactics/" className="rounded border border-slate-200 p-4 hover:border-indigo-400 dark:border-slate-800">
          <p className="font-medium">ATT&CK matrix →</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {covered} techniques covered across {index.tactics.filter((t) => t.count).length} tactics
          </p>
        </a>
        <a href="/data/" className="rounded border border-slate-200 p-4 hover:border-indigo-400 dark:border-slate-800">
          <p className="font-medium">Data sources →</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">{index.logsources.length} log sources and what they buy you</p>
        </a>
        <div className="rounded border border-slate-200 p-4 dark:border-slate-800">
          <p className="font-medium">By severity</p>
          <ul className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600 dark:text-slate-400">
            {bySeverity.map((s) => (
              <li key={s.severity}>
                {s.severity} <span className="font-mono">{s.count}</span>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <section aria-labelledby="recent" className="space-y-2">
        <h2 id="recent" className="text-lg font-semibold">
          Recently updated
        </h2>
        <RuleTable rules={recent} caption="Recently updated rules" />
      </section>
      <section className="text-sm text-slate-600 dark:text-slate-400">
        Machine-readable: <a className="underline" href="/api/rules.json">/api/rules.json</a> (
        <a className="underline" href="/api/rules.schema.json">schema</a>) ·{' '}
        <a className="underline" href="/attack/layer.json">ATT&CK Navigator layer</a>
      </section>
      </InstantSearch>
    </div>
  )
}
