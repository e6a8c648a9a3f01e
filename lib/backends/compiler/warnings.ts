import type { Location } from '../../sigma/position'

/**
 * A query that is valid but weaker than the rule: why, and where in the rule
 * when one node is the cause (a field, a value); without a location it
 * concerns the whole document (an output format's default, a correlation's
 * window).
 */
export interface ConversionWarning {
  readonly message: string
  readonly location?: Location
}

const keyOf = (w: ConversionWarning) =>
  w.location ? `${w.message}\u0000${w.location.file}\u0000${w.location.start.offset}` : w.message

/** Adds each warning unless the same message at the same place is already listed; returns the list. */
export function addWarnings(list: ConversionWarning[], warnings: Iterable<ConversionWarning>): ConversionWarning[] {
  const seen = new Set(list.map(keyOf))
  for (const warning of warnings) {
    const key = keyOf(warning)
    if (seen.has(key)) continue
    seen.add(key)
    list.push(warning)
  }
  return list
}
