const STYLES: Record<string, string> = {
  informational: 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600',
  low: 'bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-800',
  medium: 'bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-800',
  high: 'bg-orange-100 text-orange-900 ring-orange-400 dark:bg-orange-950 dark:text-orange-300 dark:ring-orange-700',
  critical: 'bg-red-100 text-red-900 ring-red-400 dark:bg-red-950 dark:text-red-300 dark:ring-red-700',
}

/** The rule's severity, coloured so a SOC reads it at a glance. */
export function SeverityBadge({ severity, riskScore }: { severity: string; riskScore?: number | undefined }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide ring-1 ring-inset ${STYLES[severity] ?? STYLES.informational}`}
    >
      {severity}
      {riskScore !== undefined ? <span className="font-mono font-normal normal-case">· {riskScore}</span> : null}
    </span>
  )
}
