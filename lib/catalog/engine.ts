/**
 * The one place where the catalog meets the engine: Sigma parsing and evaluation,
 * the pipelines, the backends and ATT&CK. Everything else in lib/catalog works on plain data.
 */
import { findFormat } from '../backends/formats'
import { pipelines } from '../pipelines'

export { evaluateCorrelation, expressionFields, matches, parseSigma, resolveCollection, type ResolvedCollection } from '../sigma'
export { convert, targets, type ConversionResult, type ConversionWarning, type RuleFacts } from '../backends'
export { pipelines } from '../pipelines'
export { attack, groupByTactic, matrix as attackMatrix, navigatorLayer, resolveTags } from '../attack'

export function pipelineLabel(id: string): string {
  return pipelines[id]?.label ?? id
}

/** Short names for the tab row; an unknown format shows its own label. */
const FORMAT_NAMES: Record<string, string> = {
  default: 'Query',
  watcher: 'Watcher JSON',
  'kibana-ndjson': 'Kibana NDJSON',
  savedsearches: 'savedsearches.conf',
  sentinel: 'Sentinel rule',
}

export function formatLabel(id: string): string {
  return FORMAT_NAMES[id] ?? findFormat(id)?.label ?? id
}
