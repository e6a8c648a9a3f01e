import type { Conversion, RuleDetail, TargetSummary } from './manifest-types'

export interface LabelledConversion {
  readonly label: string
  readonly conversion: Conversion
}

/** `${target}|${pipeline}|${format}` — as components/variant-key.ts. */
const key = (c: Conversion) => `${c.target}|${c.pipeline}|${c.format}`

/**
 * A rule's conversions split for its page: each target's default (its first
 * pipeline's plain query) goes into the page; the other pipelines and the output
 * formats (Watcher, NDJSON, …), which are most of the bytes, go into
 * `/rules/<slug>/queries.html`, loaded when a reader picks one.
 */
export function ruleQueries(rule: RuleDetail, targets: readonly TargetSummary[]) {
  const inline: Record<string, LabelledConversion> = {}
  const deferred: Record<string, LabelledConversion> = {}
  for (const target of targets) {
    const firstFormat = target.formats[0]?.id ?? ''
    const firstPipeline = target.pipelines[0]?.id ?? ''
    for (const conversion of rule.conversions.filter((c) => c.target === target.id)) {
      const format = target.formats.find((f) => f.id === conversion.format)
      const label = format && target.formats.length > 1 ? `${target.label} · ${format.label}` : target.label
      const isDefault = conversion.format === firstFormat && conversion.pipeline === firstPipeline
      ;(isDefault ? inline : deferred)[key(conversion)] = { label, conversion }
    }
  }
  return { inline, deferred }
}
