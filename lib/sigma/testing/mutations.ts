import type { EventValue, FlatEvent } from './event'
import { filler, otherCharacter, type FillerOptions } from './hostile-text'
import type { Random } from './random'

/**
 * Near misses of an event, one change each: every field dropped in turn (the
 * case converters get wrong under `not`), then random changes to one value —
 * null or empty, one character replaced, removed or added, the case changed,
 * hostile text added at either end, or a character that a target treats as a
 * wildcard or escape (`\` `.` `_` `%` `*` `?`) replaced or doubled, which
 * catches a pattern that was not escaped for its target.
 */
export function mutateEvent(event: FlatEvent, count: number, random: Random, fill: FillerOptions): FlatEvent[] {
  const fields = Object.keys(event)
  const mutants: FlatEvent[] = []
  for (const field of fields) {
    const { [field]: _, ...rest } = event
    mutants.push(rest)
  }
  if (fields.length === 0) return mutants
  for (let i = 0; i < count; i++) {
    const field = random.pick(fields)
    const value = mutateValue(event[field]!, random, fill)
    mutants.push({ ...event, [field]: value })
  }
  return mutants
}

export function mutateValue(value: EventValue, random: Random, fill: FillerOptions): EventValue {
  if (value === null) return filler(random, fill, 3)
  if (typeof value === 'boolean') return random.chance(0.5) ? !value : String(!value)
  if (typeof value === 'number') {
    return random.pick<EventValue>([value + 1, value - 1, String(value), `0${value}`, value + 0.5, -value, null])
  }
  const mutation = random.pick(STRING_MUTATIONS)
  return mutation(value, random, fill)
}

type StringMutation = (text: string, random: Random, fill: FillerOptions) => EventValue

const STRING_MUTATIONS: readonly StringMutation[] = [
  () => null,
  () => '',
  (text, random) => editAt(text, random, (c) => otherCharacter(random, c)),
  (text, random) => editAt(text, random, () => ''),
  (text, random) => editAt(text, random, (c) => c + otherCharacter(random, c)),
  (text) => text.toUpperCase(),
  (text) => text.toLowerCase(),
  (text) => Array.from(text, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join(''),
  (text, random, fill) => filler(random, { ...fill, hostility: 1 }, 2) + text,
  (text, random, fill) => text + filler(random, { ...fill, hostility: 1 }, 2),
  (text, random) => confuseSpecial(text, random),
  (text, random) => confuseSpecial(text, random),
]

const SPECIALS = /[\\._%*?'"[\]()|^$+{}/:<>=&!~#@-]/g

/** Replace, double or drop one character that some target language treats specially. */
function confuseSpecial(text: string, random: Random): string {
  const positions = [...text.matchAll(SPECIALS)].map((m) => m.index)
  if (positions.length === 0) return text + random.pick(['*', '%', '_', '\\', '.'])
  const at = random.pick(positions)
  const char = text[at]!
  const replacement = random.pick([char + char, '', 'x', 'X', char === '\\' ? '\\\\\\' : '\\' + char])
  return text.slice(0, at) + replacement + text.slice(at + 1)
}

function editAt(text: string, random: Random, edit: (char: string) => string): string {
  const chars = Array.from(text)
  if (chars.length === 0) return edit('a')
  const at = random.int(0, chars.length - 1)
  chars[at] = edit(chars[at]!)
  return chars.join('')
}
