import { z } from 'zod'

/** Sigma levels; a native page's `severity` uses the same words. */
export const severitySchema = z.enum(['informational', 'low', 'medium', 'high', 'critical'])
export type SeverityLevel = z.infer<typeof severitySchema>

/** Sigma's rule status, shown as the page's development status. */
export const statusSchema = z.enum(['stable', 'test', 'experimental', 'deprecated', 'unsupported'])

/** A date as Sigma writes it: `YYYY-MM-DD` (YAML may hand it over as a Date). */
export const dateSchema = z.union([
  z.string().regex(/^\d{4}[-/]\d{2}[-/]\d{2}$/, 'expected a date as YYYY-MM-DD'),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
])

/** A rule id: a UUID, so `/r/<uuid>/` links survive renames. */
export const uuidSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID')

/** One string or a list of them, always read as a list. */
export const stringListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (typeof v === 'string' ? [v] : v))
