import { kibanaNdjson } from './kibana-ndjson'
import { savedSearches } from './savedsearches'
import { sentinel } from './sentinel'
import type { OutputFormat } from './types'
import { watcher } from './watcher'

export type { FormatInput, FormatResult, OutputFormat, Schedule, ThreatEntry, AttackRef } from './types'
export { kibanaRuleImportSchema } from './kibana-rule-schema'

/** Every output format besides the plain query, by `--format` id. */
export const outputFormats: readonly OutputFormat[] = [watcher, kibanaNdjson, savedSearches, sentinel]

export function findFormat(id: string): OutputFormat | undefined {
  return outputFormats.find((format) => format.id === id)
}
