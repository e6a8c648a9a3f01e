import type { Metadata } from 'next'
import { getIndex } from '@/lib/catalog/manifest'
import { logsourceLabel } from '@/lib/catalog/logsource'

export const dynamic = 'force-static'
export const metadata: Metadata = { title: 'Data sources' }

export default function DataPage() {
  const index = getIndex()
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Data needed</h1>
      <p className="max-w-3xl text-slate-600 dark:text-slate-400">
        Each log source, the rules that need it and the fields they read: what turning on a log source buys a SOC.
      </p>
      <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Log source</th>
              <th scope="col" className="px-3 py-2 font-medium">Rules</th>
              <th scope="col" className="px-3 py-2 font-medium">Fields read</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {index.logsources.map((l) => (
              <tr key={l.slug}>
                <td className="px-3 py-2">
                  <a href={`/data/${l.slug}/`} className="font-mono text-indigo-700 hover:underline dark:text-indigo-300">
                    {l.slug}
                  </a>
                  <p className="text-xs text-slate-500">{logsourceLabel(l.logsource)}</p>
                </td>
                <td className="px-3 py-2 font-mono">{l.rules.length}</td>
                <td className="px-3 py-2 font-mono text-xs text-slate-600 dark:text-slate-400">
                  {Object.keys(l.fields).length}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
