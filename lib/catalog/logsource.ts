import type { LogSourceKey } from './manifest-types'

/** `windows/process_creation`, `windows/-/sysmon`: one URL segment per log source, stable and readable. */
export function logsourceSlug(logsource: LogSourceKey): string {
  const parts = [logsource.product ?? '-', logsource.category ?? '-', logsource.service ?? '-']
  while (parts.length > 1 && parts[parts.length - 1] === '-') parts.pop()
  return parts.map((p) => p.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-')).join('/')
}

/** `product: windows · category: process_creation` */
export function logsourceLabel(logsource: LogSourceKey): string {
  return (['product', 'category', 'service'] as const)
    .filter((k) => logsource[k])
    .map((k) => `${k}: ${logsource[k]}`)
    .join(' · ')
}
