import { dataSourceOf, mapFieldName, matchesLogSource, pipelines } from '../pipelines'
import type { DataSourceView, LogSourceKey } from './manifest-types'

const show = (value: unknown) => (Array.isArray(value) ? value.join(' | ') : String(value))

/**
 * What each pipeline turns a log source into (Sysmon event id and channel, ECS
 * event category, index pattern, Defender table): the concrete data to turn on.
 * and the name each field the rules read gets there (null: the pipeline cannot map it).
 * Pipelines with nothing specific to say about the log source are left out.
 */
export function dataSourceViews(logsource: LogSourceKey, fields: readonly string[] = []): DataSourceView[] {
  return Object.values(pipelines).flatMap((pipeline): DataSourceView[] => {
    const specific = pipeline.logsources.some((rule) => matchesLogSource(rule.when, logsource))
    if (!specific) return []
    const source = dataSourceOf(pipeline, logsource)
    const facts: { label: string; value: string }[] = []
    if (source.index?.length) facts.push({ label: 'Index patterns', value: source.index.join(', ') })
    for (const [key, value] of Object.entries(source.splunk ?? {})) facts.push({ label: `Splunk ${key}`, value })
    if (source.eqlCategory) facts.push({ label: 'EQL event category', value: source.eqlCategory })
    if (source.kqlTable) facts.push({ label: 'Table', value: source.kqlTable })
    if (source.table) facts.push({ label: 'SQL table', value: source.table })
    for (const [field, value] of Object.entries(source.conditions ?? {})) facts.push({ label: field, value: show(value) })
    const mapped: Record<string, string | null> = {}
    for (const field of fields) mapped[field] = mapFieldName(pipeline, logsource, field) ?? null
    return facts.length ? [{ pipeline: pipeline.id, label: pipeline.label, facts, fields: mapped }] : []
  })
}
