import { formatLocation, type Location } from './position'

export type Severity = 'error' | 'warning'

/**
 * One problem found in a rule. Loaders and validators collect these instead of
 * throwing, so that every problem in a run is reported, not just the first.
 */
export interface Diagnostic {
  readonly severity: Severity
  /** Stable, kebab-case machine code, e.g. `unknown-modifier`. */
  readonly code: string
  readonly message: string
  readonly location: Location
}

/** `file:line:col: error|warning: message [code]` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d.location)}: ${d.severity}: ${d.message} [${d.code}]`
}

/** Thrown only where a caller asked for a value and problems made it impossible. */
export class SigmaError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'))
    this.name = 'SigmaError'
  }
}
