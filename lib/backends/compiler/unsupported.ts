import type { Location } from '../../sigma/position'

/** A capability a target lacks, as a table entry: never `null`, never a caught TypeError. */
export interface Unsupported {
  readonly kind: 'Unsupported'
  /** Stable kebab-case code, e.g. `regex-in-or`. */
  readonly code: string
  /** Why, for a human: what the target cannot say. */
  readonly reason: string
}

export function unsupported(code: string, reason: string): Unsupported {
  return Object.freeze({ kind: 'Unsupported', code, reason })
}

export function isUnsupported(value: unknown): value is Unsupported {
  return typeof value === 'object' && value !== null && (value as Unsupported).kind === 'Unsupported'
}

/** Raised inside a compilation and turned into an `ok: false` result by `convert`. */
export class UnsupportedFeatureError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly location?: Location,
  ) {
    super(reason)
    this.name = 'UnsupportedFeatureError'
  }
}
