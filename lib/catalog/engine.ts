/**
 * The one place where the catalog meets the engine: Sigma parsing and evaluation,
 * the backends and ATT&CK. Everything else in lib/catalog works on plain data.
 */
import type { SigmaCollection, SigmaCorrelation, SigmaDocument } from '../sigma'

export { expressionFields, matches, parseSigma } from '../sigma'
export { attack, groupByTactic, matrix as attackMatrix, navigatorLayer, resolveTags } from '../attack'

// Until lib/sigma exports resolveCollection/evaluateCorrelation and lib/backends lands
// (see docs/architecture.md), these stand-ins keep the catalog building.
export function resolveCollection(collection: SigmaCollection): SigmaCollection {
  return collection
}
export function evaluateCorrelation(_correlation: SigmaCorrelation, _collection: SigmaCollection, _events: readonly object[]): unknown[] {
  throw new Error('the correlation evaluator is not available yet')
}
export type ConversionResult =
  | { ok: true; target: string; pipeline: string; format: string; query: string; warnings: string[] }
  | { ok: false; target: string; pipeline: string; format: string; reason: string; code: string }
export const targets: readonly { id: string; label: string; language: string; pipelines: unknown[]; formats: unknown[] }[] = []
export function convert(_document: SigmaDocument, _collection: SigmaCollection, options: { target: string; pipeline?: string; format?: string }): ConversionResult {
  return { ok: false, target: options.target, pipeline: options.pipeline ?? '', format: options.format ?? '', reason: 'no backends yet', code: 'no-backend' }
}
