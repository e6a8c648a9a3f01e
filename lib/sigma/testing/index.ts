/**
 * Test kit for differential testing and fuzzing (isomorphic: no `node:`
 * imports). A rule generator (issue 8) plugs in upstream of these: it makes
 * rules; `generateEvents` makes events for each rule's expression; the
 * reference evaluator labels them; `lib/backends/differential` runs them
 * through the real engines.
 */
export type { EventValue, FlatEvent } from './event'
export { buildEvent, createGeneratorContext, generateEvents, sampleString, type EventGeneratorOptions, type GeneratorContext } from './event-generator'
export { flattenWindowsEvent, parseConcatenatedJson } from './flatten-windows-event'
export { filler, HOSTILE_CHARACTERS, LINE_BREAKS, type FillerOptions } from './hostile-text'
export { mutateEvent, mutateValue } from './mutations'
export { createRandom, hashString, type Random } from './random'
export { sampleRegex, type RegexFlags } from './regex-sampler'
