import type { AttackChip, AttackGroup } from '@/lib/catalog/manifest-types'

function Chip({ chip, href }: { chip: AttackChip; href: string }) {
  return (
    <a
      href={href}
      title={chip.known ? chip.note : 'Not in the bundled ATT&CK release'}
      className={`inline-flex items-baseline gap-1 rounded border px-1.5 py-0.5 text-xs hover:underline ${
        chip.known && !chip.note
          ? 'border-slate-300 bg-white text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200'
          : 'border-dashed border-amber-500 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200'
      }`}
    >
      <span className="font-mono">{chip.kind === 'tactic' ? (chip.known ? chip.id : '?') : chip.id}</span>
      {chip.name ? <span>{chip.name}</span> : chip.kind === 'tactic' ? <span>{chip.shortname}</span> : null}
      {!chip.known ? <span className="italic">(not in ATT&CK data)</span> : null}
      {chip.note ? <span className="italic">({chip.note})</span> : null}
    </a>
  )
}

/** Tactic → technique → sub-technique chips, in matrix order. */
export function AttackChips({ groups }: { groups: readonly AttackGroup[] }) {
  if (!groups.length) return <p className="text-sm text-slate-500">No ATT&CK mapping.</p>
  return (
    <ul className="space-y-1.5">
      {groups.map((g) => (
        <li key={g.tactic.id} className="flex flex-wrap items-center gap-1.5">
          <Chip chip={g.tactic} href={`/tactics/${g.tactic.shortname ?? g.tactic.id}/`} />
          {g.techniques.map(({ technique, subtechniques }) => (
            <span key={technique.id} className="flex flex-wrap items-center gap-1.5">
              <span aria-hidden="true" className="text-slate-400">→</span>
              <Chip chip={technique} href={`/techniques/${technique.id}/`} />
              {subtechniques.map((s) => (
                <span key={s.id} className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="text-slate-400">→</span>
                  <Chip chip={s} href={`/techniques/${s.id}/`} />
                </span>
              ))}
            </span>
          ))}
        </li>
      ))}
    </ul>
  )
}
