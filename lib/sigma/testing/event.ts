/** A flat event: field name → scalar value, as a Sigma rule reads it. An absent key is an absent field. */
export type EventValue = string | number | boolean | null
export type FlatEvent = Record<string, EventValue>
