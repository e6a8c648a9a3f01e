import { z } from 'zod'

const text = z.string()
const list = z.array(z.string())

/** A `[[rule.threat]]` table: ATT&CK tactic, techniques and their sub-techniques. */
const threatItem = z.looseObject({ id: text.optional(), name: text.optional(), reference: text.optional() })
const threatSchema = z.looseObject({
  framework: text.optional(),
  tactic: threatItem.optional(),
  technique: z.array(threatItem.extend({ subtechnique: z.array(threatItem).optional() })).optional(),
})

/**
 * An Elastic detection-rules `.toml` file (github.com/elastic/detection-rules): the fields the
 * catalog shows. Unknown keys are kept (upstream adds fields often); a wrong type is an error.
 */
export const elasticRuleFileSchema = z.looseObject({
  metadata: z.looseObject({
    /** `2020/11/06` */
    creation_date: text,
    updated_date: text.optional(),
    /** `production`, `development` or `deprecated` (the rule lives in `rules/_deprecated`). */
    maturity: text,
    integration: z.union([text, list]).optional(),
    deprecation_date: text.optional(),
    min_stack_version: text.optional(),
  }),
  rule: z.looseObject({
    /** Upstream means a UUID, but Kibana takes any string (and two upstream rules have a 13-digit last group). */
    rule_id: z.string().regex(/^[\w.-]+$/, 'expected a rule id (a UUID)'),
    name: z.string().min(1),
    description: z.string().min(1),
    /** `query`, `eql`, `esql`, `threshold`, `new_terms`, `threat_match`, `machine_learning`. */
    type: z.string().min(1),
    /** `kuery`, `eql`, `esql`, `lucene`; absent for machine learning. */
    language: text.optional(),
    query: text.optional(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    risk_score: z.number().int().min(0).max(100),
    author: list,
    license: text.optional(),
    tags: list.default([]),
    index: list.optional(),
    /** Runs every (default 5m). */
    interval: text.optional(),
    /** Look-back start, `now-9m` (default now-6m). */
    from: text.optional(),
    max_signals: z.number().int().positive().optional(),
    references: list.optional(),
    false_positives: list.optional(),
    note: text.optional(),
    setup: text.optional(),
    building_block_type: text.optional(),
    timestamp_override: text.optional(),
    threat: z.array(threatSchema).optional(),
    threshold: z
      .looseObject({
        field: z.union([text, list]),
        value: z.number(),
        cardinality: z.array(z.looseObject({ field: text, value: z.number() })).optional(),
      })
      .optional(),
    new_terms: z
      .looseObject({
        field: text.optional(),
        value: list,
        history_window_start: z.array(z.looseObject({ field: text, value: text })).optional(),
      })
      .optional(),
    machine_learning_job_id: z.union([text, list]).optional(),
    anomaly_threshold: z.number().optional(),
    threat_index: list.optional(),
    threat_indicator_path: text.optional(),
    threat_query: text.optional(),
    threat_mapping: z
      .array(z.looseObject({ entries: z.array(z.looseObject({ field: text, value: text, type: text.optional() })) }))
      .optional(),
    alert_suppression: z
      .looseObject({
        group_by: list.optional(),
        duration: z.looseObject({ value: z.number(), unit: text }).optional(),
        missing_fields_strategy: text.optional(),
      })
      .optional(),
    investigation_fields: z.looseObject({ field_names: list.optional() }).optional(),
  }),
  transform: z.record(z.string(), z.array(z.looseObject({ label: text.optional() }))).optional(),
})
export type ElasticRuleFile = z.infer<typeof elasticRuleFileSchema>
