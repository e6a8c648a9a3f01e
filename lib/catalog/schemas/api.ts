import { z } from 'zod'
import { severitySchema } from './common'

const chipSchema = z.object({
  /** `TA0008`, `T1021.003`; an unknown tactic has its shortname. */
  id: z.string(),
  name: z.string().optional(),
  url: z.string(),
  /** false when the bundled ATT&CK release does not know the id. */
  known: z.boolean(),
})

/** One rule in `/api/rules.json` and `/api/rules/<slug>.json`. */
export const apiRuleSchema = z.object({
  id: z.string(),
  slug: z.string(),
  /** The rule page, relative to the site root. */
  url: z.string(),
  title: z.string(),
  description: z.string(),
  severity: severitySchema,
  risk_score: z.number().int().min(0).max(100).optional(),
  status: z.string().optional(),
  /** Retired upstream (Elastic maturity deprecated, Sigma status deprecated); the search hides it unless asked (`?show=deprecated`). */
  deprecated: z.boolean().optional(),
  /** An Elastic building-block rule: it feeds other rules and raises no alert of its own (`?show=building-block`). */
  building_block: z.boolean().optional(),
  kind: z.enum(['sigma', 'correlation', 'native']),
  rule_type: z.string().optional(),
  logsource: z.object({ product: z.string().optional(), category: z.string().optional(), service: z.string().optional() }).nullable(),
  date: z.string().optional(),
  modified: z.string().optional(),
  authors: z.array(z.string()),
  references: z.array(z.string()),
  falsepositives: z.array(z.string()),
  /** Tactic → technique → sub-techniques, in matrix order. */
  attack: z.array(
    z.object({
      tactic: chipSchema,
      techniques: z.array(z.object({ technique: chipSchema, subtechniques: z.array(chipSchema) })),
    }),
  ),
  /** The detection as written. */
  detection: z.object({ language: z.string(), text: z.string() }),
  /**
   * Every target × pipeline × output format: the query, or why the target cannot express the rule.
   * `/api/rules.json` lists the plain queries (format `default`); `/api/rules/<slug>.json` every format.
   */
  queries: z.array(
    z.object({
      target: z.string(),
      pipeline: z.string(),
      format: z.string(),
      ok: z.boolean(),
      query: z.string().optional(),
      reason: z.string().optional(),
      warnings: z.array(z.string()),
    }),
  ),
})

/** `/api/rules.json`: every rule of the catalog. */
export const apiRulesSchema = z.object({
  version: z.literal(1),
  attack_version: z.string(),
  targets: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      language: z.string(),
      pipelines: z.array(z.object({ id: z.string(), label: z.string() })),
      formats: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  ),
  rules: z.array(apiRuleSchema),
})

export type ApiRule = z.infer<typeof apiRuleSchema>
export type ApiRules = z.infer<typeof apiRulesSchema>

/** The published JSON Schema of `/api/rules.json` (`/api/rules.schema.json`). */
export function apiRulesJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(apiRulesSchema, { target: 'draft-2020-12' }),
    $id: '/api/rules.schema.json',
    title: 'Detection Atlas rules',
  }
}
