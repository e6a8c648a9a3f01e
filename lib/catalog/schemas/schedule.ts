import { z } from 'zod'

const durationSchema = z
  .string()
  .regex(/^\d+[smhd]$/, 'expected a duration such as 5m, 1h or 30s')

/** When a scheduled rule runs, as Elastic's rule pages show it. */
export const scheduleSchema = z.strictObject({
  /** Runs every: `5m`. */
  interval: durationSchema,
  /** Searches this far back on each run (the look-back, Elastic's `from: now-9m`): `9m`. */
  lookback: durationSchema.optional(),
  /** Maximum alerts per execution. */
  max_alerts: z.number().int().positive().optional(),
})
export type Schedule = z.infer<typeof scheduleSchema>
