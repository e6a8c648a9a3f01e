'use client'

/** A small labelled `<select>` of `{ id, label }` options (a pipeline or an output format). */
export function LabelledSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: string
  options: readonly { readonly id: string; readonly label: string }[]
  onChange: (value: string) => void
}) {
  return (
    <label className="flex min-w-0 items-center gap-1 text-xs text-slate-700 dark:text-slate-300">
      {label}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="max-w-48 min-w-0 rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-900"
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  )
}
