import type { TacticSummary } from '@/lib/catalog/manifest-types'

/** Shading by rule count: none, then four steps. */
function shade(count: number, max: number): string {
  if (count === 0) return 'bg-white text-slate-500 dark:bg-slate-950 dark:text-slate-500'
  const step = Math.min(3, Math.floor((count / Math.max(1, max)) * 4))
  return [
    'bg-indigo-50 text-indigo-950 dark:bg-indigo-950/50 dark:text-indigo-100',
    'bg-indigo-100 text-indigo-950 dark:bg-indigo-900/60 dark:text-indigo-50',
    'bg-indigo-200 text-indigo-950 dark:bg-indigo-800/70 dark:text-white',
    'bg-indigo-300 text-indigo-950 dark:bg-indigo-700 dark:text-white',
  ][step]!
}

/**
 * The ATT&CK Enterprise matrix: tactics as columns in matrix order, techniques with rule
 * counts and shading; sub-techniques expand with a native `<details>` (no script).
 */
export function AttackMatrix({ tactics }: { tactics: readonly TacticSummary[] }) {
  const max = Math.max(1, ...tactics.flatMap((t) => t.techniques.flatMap((c) => [c.count, ...c.subtechniques.map((s) => s.count)])))
  return (
    <div className="relative overflow-x-auto pb-2">
      <div className="grid auto-cols-[minmax(6rem,1fr)] grid-flow-col gap-0.5 hyphens-auto break-words">
        {tactics.map((tactic) => (
          <section key={tactic.shortname} aria-labelledby={`col-${tactic.shortname}`} className="min-w-0">
            <h2 id={`col-${tactic.shortname}`} className="mb-1 min-h-12 rounded bg-slate-800 px-1.5 py-1 leading-tight text-white dark:bg-slate-700">
              <a href={`/tactics/${tactic.shortname}/`} className="block text-[11px] font-semibold hover:underline">
                {tactic.name}
              </a>
              <span className="block text-[10px] leading-tight text-slate-300">
                {tactic.techniques.length} techniques · {tactic.count} rules
              </span>
            </h2>
            <ul className="space-y-0.5">
              {tactic.techniques.map((cell) => (
                <li key={cell.id} className={`rounded border border-slate-200 text-[11px] leading-tight dark:border-slate-800 ${shade(cell.count, max)}`}>
                  {cell.subtechniques.length ? (
                    // The technique link sits outside <summary> (a link inside a toggle is two controls in
                    // one): the toggle is the ▾ at the row's end, placed over the row's end padding.
                    <div className="relative">
                      <div className="flex items-start gap-1 py-1 ps-1.5 pe-6">
                        <a href={`/techniques/${cell.id}/`} className="min-w-0 flex-1 hover:underline" title={cell.id}>
                          {cell.name}
                        </a>
                        {cell.count ? <span className="font-mono font-semibold">{cell.count}</span> : null}
                      </div>
                      <details>
                        <summary className="absolute end-0 top-0 flex h-6 w-6 cursor-pointer list-none items-center justify-center [&::-webkit-details-marker]:hidden">
                          <span aria-hidden="true" data-toggle className="text-slate-500 dark:text-slate-400">
                            ▾
                          </span>
                          <span className="sr-only">
                            {cell.subtechniques.length} sub-techniques of {cell.name}
                          </span>
                        </summary>
                        <ul className="border-t border-slate-200 bg-white/60 py-0.5 ps-3 dark:border-slate-800 dark:bg-slate-950/60">
                          {cell.subtechniques.map((sub) => (
                            <li key={sub.id} className={`flex gap-1 px-1 py-0.5 ${sub.count ? 'font-medium' : 'text-slate-500'}`}>
                              <a href={`/techniques/${sub.id}/`} className="min-w-0 flex-1 hover:underline" title={sub.id}>
                                {sub.name}
                              </a>
                              {sub.count ? <span className="font-mono">{sub.count}</span> : null}
                            </li>
                          ))}
                        </ul>
                      </details>
                    </div>
                  ) : (
                    <div className="flex items-start gap-1 px-1.5 py-1">
                      <a href={`/techniques/${cell.id}/`} className="min-w-0 flex-1 hover:underline" title={cell.id}>
                        {cell.name}
                      </a>
                      {cell.count ? <span className="font-mono font-semibold">{cell.count}</span> : null}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  )
}
