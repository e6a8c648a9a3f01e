import type { ReactNode } from 'react'

/** A value from the rule (a field, an index, a job id) as inline code. */
export const Code = ({ children }: { children: ReactNode }) => (
  <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">{children}</code>
)

/** Several such values, wrapping. */
export const Codes = ({ values }: { values: readonly string[] }) => (
  <span className="flex flex-wrap gap-1">
    {values.map((v) => (
      <Code key={v}>{v}</Code>
    ))}
  </span>
)
