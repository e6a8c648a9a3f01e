import type { DataSourceView, LogSourceKey } from './manifest-types'

/**
 * What each pipeline turns a log source into (Sysmon event id and channel, ECS
 * event category, index pattern, Defender table). Filled from lib/pipelines.
 */
export function dataSourceViews(logsource: LogSourceKey): DataSourceView[] {
  void logsource
  return []
}
