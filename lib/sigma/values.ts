import type { SigmaString } from './sigma-string'

/**
 * A detection value while its modifier chain is applied, left to right. The
 * chain starts from the YAML scalar and ends in one of these; the detection
 * resolver then turns each into a leaf node of the expression.
 */
export type Value =
  | { readonly type: 'string'; readonly raw: string; readonly tokens: SigmaString; readonly binary: boolean }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null' }
  | { readonly type: 'regex'; readonly pattern: string; readonly flags: { i: boolean; m: boolean; s: boolean } }
  | { readonly type: 'cidr'; readonly cidr: string }
  | { readonly type: 'exists'; readonly value: boolean }
  | { readonly type: 'fieldref'; readonly field: string; readonly match: 'eq' | 'startswith' | 'endswith' | 'contains' }
  | { readonly type: 'compare'; readonly op: 'lt' | 'lte' | 'gt' | 'gte'; readonly value: number }
  | {
      readonly type: 'timepart'
      readonly part: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'
      readonly value: number
    }

export type ValueType = Value['type']

/** How a value is written, for messages. */
export function describeValue(value: Value): string {
  switch (value.type) {
    case 'string':
      return 'a string'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'a boolean'
    case 'null':
      return '`null`'
    case 'regex':
      return 'a regular expression'
    case 'cidr':
      return 'a CIDR network'
    case 'exists':
      return 'an `exists` test'
    case 'fieldref':
      return 'a field reference'
    case 'compare':
      return 'a comparison'
    case 'timepart':
      return 'a date part'
  }
}
