import type { RuleSummary } from '@/lib/catalog/manifest-types'
import { shorten } from '@/lib/search/documents'
import { SeverityBadge } from './severity-badge'

/** One line shows about this much of a description: the page carries no more (the rule page has it all). */
const DESCRIPTION_SHOWN = 160

/** A dense table of rules: title, severity, ATT&CK, log source. */
export function RuleTable({ rules, caption }: { rules: readonly RuleSummary[]; caption?: string }) {
  if (!rules.length) return <p className="text-sm text-slate-500">No rules.</p>
  return (
    <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Rule</th>
            <th scope="col" className="px-3 py-2 font-medium">Severity</th>
            <th scope="col" className="px-3 py-2 font-medium">Techniques</th>
            <th scope="col" className="px-3 py-2 font-medium">Log source</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rules.map((rule) => (
            <tr key={rule.slug} className="align-top hover:bg-slate-50 dark:hover:bg-slate-900/60">
              <td className="px-3 py-2">
                <a href={`/rules/${rule.slug}/`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  {rule.title}
                </a>
                <p className="mt-0.5 line-clamp-1 text-xs text-slate-500 dark:text-slate-400">{shorten(rule.description, DESCRIPTION_SHOWN)}</p>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <SeverityBadge severity={rule.severity} riskScore={rule.riskScore} />
              </td>
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">
                {rule.techniques.map((t) => (
                  <a key={t} href={`/techniques/${t}/`} className="me-1.5 text-slate-700 hover:underline dark:text-slate-300">
                    {t}
                  </a>
                ))}
              </td>
              <td className="px-3 py-2 font-mono text-xs text-slate-600 dark:text-slate-400">
                {rule.logsourceSlug ? (
                  <a href={`/data/${rule.logsourceSlug}/`} className="hover:underline">
                    {rule.logsourceSlug}
                  </a>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
