import { RuleTable } from '@/components/rule-table'
import { getIndex } from '@/lib/catalog/manifest'

/**
 * Home: the entry to search (issue 6 puts the instant search here) and to the matrix.
 * It lists no rules itself: at catalog scale results come from the search index.
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
        <form role="search" action="/" className="flex max-w-2xl gap-2" id="search">
          <label htmlFor="q" className="sr-only">
            Search rules
          </label>
          <input
            id="q"
            name="q"
            type="search"
            placeholder="Search rules, techniques (T1021.003), tactics…"
            className="w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900"
          />
        </form>
      </section>
      <section aria-labelledby="browse" className="grid gap-4 sm:grid-cols-3">
        <h2 id="browse" className="sr-only">
          Browse
        </h2>
        <a href="/tactics/" className="rounded border border-slate-200 p-4 hover:border-indigo-400 dark:border-slate-800">
          <p className="font-medium">ATT&CK matrix →</p>
          <p className="text-sm text-slate-500">
            {covered} techniques covered across {index.tactics.filter((t) => t.count).length} tactics
          </p>
        </a>
        <a href="/data/" className="rounded border border-slate-200 p-4 hover:border-indigo-400 dark:border-slate-800">
          <p className="font-medium">Data sources →</p>
          <p className="text-sm text-slate-500">{index.logsources.length} log sources and what they buy you</p>
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
    </div>
  )
}
