import { CopyButton } from './copy-button'

/** Build-time highlighted code (shiki HTML) with a copy button that copies the plain text. */
export function CodeBlock({ html, text, label }: { html: string; text: string; label?: string | undefined }) {
  return (
    <div className="code-block relative overflow-hidden rounded border border-slate-200 dark:border-slate-800">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-1 dark:border-slate-800 dark:bg-slate-900">
        <span className="min-w-0 truncate text-xs font-medium text-slate-500 dark:text-slate-400">{label}</span>
        <CopyButton text={text} label={label} />
      </div>
      <div className="overflow-x-auto text-[13px] leading-relaxed" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  )
}
