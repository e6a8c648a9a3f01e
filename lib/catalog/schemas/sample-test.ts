import { z } from 'zod'

const eventSchema = z.record(z.string(), z.unknown())

/**
 * A sample event (or, for a correlation, a time-ordered stream of events) and
 * whether the rule must fire on it. Checked at build time by the reference evaluator.
 */
export const sampleTestSchema = z
  .strictObject({
    /** What the sample shows, e.g. "cmd.exe started by mmc.exe". */
    name: z.string().min(1),
    /** `true`: the rule must fire; `false`: it must stay silent. */
    match: z.boolean(),
    /** One event, for a detection rule. */
    event: eventSchema.optional(),
    /** A time-ordered stream of events, for a correlation. */
    events: z.array(eventSchema).min(1).optional(),
  })
  .refine((t) => (t.event === undefined) !== (t.events === undefined), {
    message: 'a test needs exactly one of `event` (a rule) or `events` (a correlation)',
  })
export type SampleTest = z.infer<typeof sampleTestSchema>
