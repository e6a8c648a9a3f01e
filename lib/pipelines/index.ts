import { ecsWindows } from './builtin/ecs-windows'
import { defenderXdr, sentinelWindowsEvent } from './builtin/microsoft'
import { jsonl, none, rawLineExclusions, sqliteLogs } from './builtin/plain'
import { splunkWindows, sysmon } from './builtin/sysmon'
import type { Pipeline } from './pipeline'

export { applyPipeline, dataSourceOf, mapFieldName, matchesLogSource } from './apply-pipeline'
export type { ApplyOptions, PipelineInput, PipelineResult } from './apply-pipeline'
export { toBasename, withBasenames } from './basenames'
export { loadPipeline } from './load-pipeline'
export type { LoadPipelineResult } from './load-pipeline'
export { fieldsOf, forEachLeaf, mapLeaves } from './map-expression'
export { definePipeline, PipelineSchema } from './pipeline'
export type { BasenameRule, DataSource, FieldMapping, LogSourceMatch, Pipeline, PipelineInput as PipelineFile, ValueTransform } from './pipeline'
export { SYSMON_CHANNEL, WINDOWS_CATEGORIES, WINDOWS_SERVICE_CHANNELS } from './windows-logsources'

/** Every built-in pipeline, by id. */
export const pipelines: Readonly<Record<string, Pipeline>> = Object.freeze(
  Object.fromEntries([none, sqliteLogs, jsonl, rawLineExclusions, sysmon, splunkWindows, ecsWindows, defenderXdr, sentinelWindowsEvent].map((p) => [p.id, p])),
)
