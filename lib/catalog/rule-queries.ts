import type { Conversion, RuleDetail, TargetSummary } from './manifest-types'

export interface LabelledConversion {
  readonly label: string
  readonly conversion: Conversion
}

/** `${target}|${pipeline}|${format}` — as components/variant-key.ts. */
const key = (c: Conversion) => `${c.target}|${c.pipeline}|${c.format}`

/**
 * A rule's conversions split for its page: each target's first format (the plain
 * query) goes into the page; the output formats (Watcher, NDJSON, …), which are
 * most of the bytes, go into `/rules/<slug>/formats.json`, loaded when a reader picks one.
 */
export function ruleQueries(rule: RuleDetail, targets: readonly TargetSummary[]) {
  const inline: Record<string, LabelledConversion> = {}
  const deferred: Record<string, LabelledConversion> = {}
  for (const target of targets) {
    const first = target.formats[0]?.id
    for (const conversion of rule.conversions.filter((c) => c.target === target.id)) {
      const format = target.formats.find((f) => f.id === conversion.format)
      const label = format && target.formats.length > 1 ? `${target.label} · ${format.label}` : target.label
      ;(conversion.format === first ? inline : deferred)[key(conversion)] = { label, conversion }
    }
  }
  return { inline, deferred }
}
