import type { EventValue as FlatValue, FlatEvent } from './event'

export type { FlatEvent }

/**
 * Windows event records as exported from EVTX to JSON (SigmaHQ's
 * regression data: `{ Event: { System, EventData | UserData } }`), flattened
 * by field name as a Sysmon/Windows pipeline presents them to Sigma rules:
 * `EventID`, `Channel`, `Computer`, `Provider_Name`, … from `System`, and every
 * named value of `EventData` (or of the one element under `UserData`).
 */

export function flattenWindowsEvent(record: unknown): FlatEvent {
  const flat: FlatEvent = {}
  const event = objectAt(record, 'Event') ?? asObject(record)
  if (!event) return flat
  const system = objectAt(event, 'System')
  if (system) {
    copyScalars(system, flat, false)
    const provider = objectAt(objectAt(system, 'Provider'), '#attributes')
    if (provider) {
      if (typeof provider.Name === 'string') flat.Provider_Name = provider.Name
      if (typeof provider.Guid === 'string') flat.Provider_Guid = provider.Guid
    }
    const time = objectAt(objectAt(system, 'TimeCreated'), '#attributes')
    if (time && typeof time.SystemTime === 'string') flat.TimeCreated = time.SystemTime
    const security = objectAt(objectAt(system, 'Security'), '#attributes')
    if (security && typeof security.UserID === 'string') flat.UserID = security.UserID
    const execution = objectAt(objectAt(system, 'Execution'), '#attributes')
    if (execution) {
      if (isScalar(execution.ProcessID)) flat.ExecutionProcessID = execution.ProcessID
      if (isScalar(execution.ThreadID)) flat.ExecutionThreadID = execution.ThreadID
    }
  }
  const eventData = objectAt(event, 'EventData')
  if (eventData) copyScalars(eventData, flat)
  const userData = objectAt(event, 'UserData')
  if (userData) {
    for (const [key, value] of Object.entries(userData)) {
      const inner = asObject(value)
      if (key !== '#attributes' && inner) copyScalars(inner, flat)
    }
  }
  return flat
}

/**
 * Split a file holding one or more JSON values written one after another (the
 * regression data concatenates records when a test expects several matches).
 */
export function parseConcatenatedJson(text: string): unknown[] {
  const values: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i
    } else if (c === '}' || c === ']') {
      if (--depth === 0) values.push(JSON.parse(text.slice(start, i + 1)))
    }
  }
  return values
}

function copyScalars(from: Record<string, unknown>, to: FlatEvent, keepNull = true): void {
  for (const [key, value] of Object.entries(from)) {
    if (key !== '#attributes' && isScalar(value) && (keepNull || value !== null)) to[key] = value
  }
}

function isScalar(value: unknown): value is FlatValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  return asObject(asObject(value)?.[key])
}
