import { z } from 'zod'
import { dateSchema, severitySchema, statusSchema, stringListSchema, uuidSchema } from './common'
import { nativeQuerySchema } from './native-query'
import { sampleTestSchema } from './sample-test'
import { scheduleSchema } from './schedule'

/** Fields every rule page may carry, whether its detection is Sigma or native. */
const operationalFields = {
  /** Overrides the Sigma level; required on native pages. */
  severity: severitySchema.optional(),
  /** Elastic's risk score, 0–100. */
  risk_score: z.number().int().min(0).max(100).optional(),
  /** Elastic's rule type: query, eql, esql, threshold, new_terms, machine_learning, … */
  rule_type: z.string().min(1).optional(),
  /** Index patterns the rule searches. */
  indices: z.array(z.string().min(1)).optional(),
  /** Runs every / look-back / maximum alerts. */
  schedule: scheduleSchema.optional(),
  /** The rule's own version number. */
  version: z.number().int().positive().optional(),
  /** The rule's licence, e.g. `Apache-2.0`. */
  license: z.string().min(1).optional(),
  /** Rule authors (a Sigma page reads `author` from the Sigma document). */
  authors: z.array(z.string().min(1)).optional(),
  /** How to reproduce the behaviour in a lab, to test the rule. */
  trigger: z.string().min(1).optional(),
  /** Native queries shown beside the conversions, e.g. Elastic's own EQL. */
  native: z.array(nativeQuerySchema).optional(),
  /** Sample events the reference evaluator checks at build time. */
  tests: z.array(sampleTestSchema).optional(),
}

/** A page whose detection is a Sigma document (or a correlation and its rules, separated by `---`). */
export const sigmaFrontmatterSchema = z.strictObject({
  /** The Sigma YAML. id, title, status, level, tags, references, author, dates and logsource come from it. */
  sigma: z.string().min(1),
  ...operationalFields,
})

/** A page whose detection is a native query; its metadata lives in the frontmatter. */
export const nativeFrontmatterSchema = z.strictObject({
  /** The detection, in its own language. */
  query: nativeQuerySchema,
  /** A UUID, so the `/r/<uuid>/` link survives renames. */
  id: uuidSchema,
  title: z.string().min(1),
  description: z.string().min(1),
  status: statusSchema.optional(),
  /** ATT&CK tags as in Sigma: `attack.t1021.003`, `attack.lateral-movement`. */
  tags: z.array(z.string()).optional(),
  references: z.array(z.string()).optional(),
  falsepositives: stringListSchema.optional(),
  author: z.string().optional(),
  date: dateSchema.optional(),
  modified: dateSchema.optional(),
  /** The log source the query reads, in Sigma's terms. */
  logsource: z
    .strictObject({ product: z.string().optional(), category: z.string().optional(), service: z.string().optional() })
    .optional(),
  ...operationalFields,
  severity: severitySchema,
})

/**
 * A page without a detection: it lays its guide and metadata over the imported rule
 * (a Sigma or Elastic source) with the same `id`, whose detection stays. What it sets wins;
 * title and severity default to the imported rule's.
 */
export const overlayFrontmatterSchema = z.strictObject({
  /** The imported rule's id. */
  id: uuidSchema,
  title: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  status: statusSchema.optional(),
  /** ATT&CK tags as in Sigma; when given they replace the imported rule's mapping. */
  tags: z.array(z.string()).optional(),
  /** Added to the imported rule's. */
  references: z.array(z.string()).optional(),
  /** Added to the imported rule's. */
  falsepositives: stringListSchema.optional(),
  ...operationalFields,
})

/** The frontmatter of `content/rules/<slug>.mdx`. */
export const ruleFrontmatterSchema = z.union([sigmaFrontmatterSchema, nativeFrontmatterSchema, overlayFrontmatterSchema])
export type SigmaFrontmatter = z.infer<typeof sigmaFrontmatterSchema>
export type NativeFrontmatter = z.infer<typeof nativeFrontmatterSchema>
export type OverlayFrontmatter = z.infer<typeof overlayFrontmatterSchema>
export type RuleFrontmatter = SigmaFrontmatter | NativeFrontmatter | OverlayFrontmatter
