/**
 * Field access into JSON events. A field name is first looked up as a whole
 * key (flattened events such as `{"process.name": …}`), then as a dotted path
 * into nested objects, trying the longest key at each level. Arrays fan out:
 * a field holds every value found.
 */
export function fieldValues(event: unknown, field: string): unknown[] {
  const out: unknown[] = []
  collect(event, field.split('.'), out)
  return out
}

function collect(node: unknown, path: readonly string[], out: unknown[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, path, out)
    return
  }
  if (path.length === 0) {
    out.push(node)
    return
  }
  if (node === null || typeof node !== 'object') return
  const record = node as Record<string, unknown>
  for (let take = path.length; take >= 1; take--) {
    const key = take === 1 ? path[0]! : path.slice(0, take).join('.')
    if (Object.hasOwn(record, key)) {
      const value = record[key]
      if (take === path.length) {
        if (Array.isArray(value)) for (const item of value) out.push(item)
        else out.push(value)
      } else collect(value, path.slice(take), out)
      return
    }
  }
}

/** Every scalar value of an event, at any depth: what a keyword search looks at. */
export function allValues(event: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(event)) for (const item of event) allValues(item, out)
  else if (event !== null && typeof event === 'object') for (const value of Object.values(event)) allValues(value, out)
  else if (event !== undefined) out.push(event)
  return out
}

/** The text form of a scalar, as Sigma compares it; undefined for null and objects. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return undefined
}

const NUMERIC = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/

/** A number, or a string that is one written in decimal; undefined otherwise. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value)
  return undefined
}
