import { z } from 'zod'

/** The query languages a native (non-Sigma) rule may be written in. */
export const nativeLanguageSchema = z.enum(['eql', 'kuery', 'esql', 'spl', 'kql', 'lucene'])
export type NativeLanguage = z.infer<typeof nativeLanguageSchema>

/** A native query: the detection of a native page, or one shown beside the conversions. */
export const nativeQuerySchema = z.strictObject({
  /** The query language. */
  language: nativeLanguageSchema,
  /** How the query is labelled on the page, e.g. "Elastic native EQL". */
  label: z.string().min(1).optional(),
  /** The query, exactly as written. */
  text: z.string().min(1),
})
export type NativeQuery = z.infer<typeof nativeQuerySchema>
