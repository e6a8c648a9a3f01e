import type { Conversion } from '@/lib/catalog/manifest-types'
import { CodeBlock } from './code-block'

/**
 * One target × pipeline × format: the highlighted query with its copy button, or
 * why the target cannot express the rule. Rendered on the server for the plain
 * queries and in the browser for output formats loaded on demand.
 */
export function QueryVariant({ conversion, label }: { conversion: Conversion; label: string }) {
  if (!conversion.ok)
    return (
      <div className="rounded border border-dashed border-slate-300 px-3 py-2 text-sm dark:border-slate-700">
        <p className="font-medium text-slate-700 dark:text-slate-300">{label} cannot express this rule</p>
        <p className="text-slate-600 dark:text-slate-400">
          {conversion.reason} <span className="font-mono text-xs">[{conversion.code}]</span>
        </p>
      </div>
    )
  return (
    <div className="space-y-1">
      <CodeBlock html={conversion.html ?? ''} text={conversion.query ?? ''} label={label} />
      {conversion.warnings.length ? (
        <ul className="text-xs text-amber-700 dark:text-amber-300">
          {/* Each message once, without its line: that is the page file's, which the page does not show. */}
          {[...new Set(conversion.warnings.map((w) => w.message))].map((message) => (
            <li key={message}>⚠ {message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
