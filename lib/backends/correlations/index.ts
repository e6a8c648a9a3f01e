import type { SigmaCollection, SigmaCorrelation } from '../../sigma/rule'
import type { ConversionWarning } from '../compiler/warnings'
import { correlationContext, type CorrelationHooks, type CorrelationWriter } from './context'
import { eqlCorrelation } from './eql'
import { esqlCorrelation } from './esql'
import { kqlCorrelation } from './kql'
import { splunkCorrelation } from './splunk'
import { sqliteCorrelation } from './sqlite'

/** How each target writes correlations; a target not listed has no aggregation or sequence. */
export const CORRELATION_WRITERS: Readonly<Record<string, CorrelationWriter>> = {
  eql: eqlCorrelation,
  esql: esqlCorrelation,
  kql: kqlCorrelation,
  splunk: splunkCorrelation,
  sqlite: sqliteCorrelation,
}

/**
 * Converts a correlation for a target: its exact meaning, or a query with a
 * warning naming the weaker meaning, or `UnsupportedFeatureError` with the reason.
 */
export function convertCorrelation(
  correlation: SigmaCorrelation,
  collection: SigmaCollection,
  target: { readonly id: string; readonly label: string },
  hooks: CorrelationHooks,
): { query: string; warnings: ConversionWarning[] } {
  const warnings: ConversionWarning[] = []
  const writer = CORRELATION_WRITERS[target.id]
  const ctx = correlationContext(correlation, collection, hooks, warnings)
  if (!writer) return ctx.unsupported('correlation-target', `${target.label} has no aggregation or event sequence to express a ${correlation.correlationType} correlation`)
  return { query: writer(ctx), warnings }
}

export type { CorrelationHooks } from './context'
