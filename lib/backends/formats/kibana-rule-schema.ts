import { z } from 'zod'

/**
 * The fields Kibana's detection-rule import (`POST /api/detection_engine/rules/_import`,
 * one rule per NDJSON line) accepts for the rule types we emit, as a strict zod schema:
 * an unknown key, a missing required key or a value of the wrong shape fails.
 * Written from Kibana's `RuleToImport` (create props plus a required `rule_id`).
 */
const attackRef = z.object({ id: z.string().min(1), name: z.string().min(1), reference: z.string().url() }).strict()

export const kibanaThreatSchema = z
  .object({
    framework: z.literal('MITRE ATT&CK'),
    tactic: attackRef,
    technique: z.array(attackRef.extend({ subtechnique: z.array(attackRef).optional() }).strict()).optional(),
  })
  .strict()

const dateMath = z.string().regex(/^now(-\d+[smhd])?$/, 'a date-math expression such as now-9m')

const common = {
  rule_id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  risk_score: z.number().int().min(0).max(100),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  enabled: z.boolean().optional(),
  immutable: z.literal(false).optional(),
  interval: z.string().regex(/^\d+[smhd]$/).optional(),
  from: dateMath.optional(),
  to: dateMath.optional(),
  max_signals: z.number().int().min(1).optional(),
  author: z.array(z.string()).optional(),
  license: z.string().optional(),
  false_positives: z.array(z.string()).optional(),
  references: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  threat: z.array(kibanaThreatSchema).optional(),
  note: z.string().optional(),
  setup: z.string().optional(),
  version: z.number().int().min(1).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  building_block_type: z.string().optional(),
  exceptions_list: z.array(z.unknown()).optional(),
  actions: z.array(z.unknown()).optional(),
  throttle: z.string().optional(),
  output_index: z.string().optional(),
  namespace: z.string().optional(),
  timeline_id: z.string().optional(),
  timeline_title: z.string().optional(),
  rule_name_override: z.string().optional(),
  timestamp_override: z.string().optional(),
  risk_score_mapping: z.array(z.unknown()).optional(),
  severity_mapping: z.array(z.unknown()).optional(),
  related_integrations: z.array(z.unknown()).optional(),
  required_fields: z.array(z.unknown()).optional(),
  investigation_fields: z.object({ field_names: z.array(z.string()) }).strict().optional(),
}

const indexed = { index: z.array(z.string().min(1)).min(1).optional(), data_view_id: z.string().optional() }

export const kibanaRuleImportSchema = z.discriminatedUnion('type', [
  z.object({ ...common, ...indexed, type: z.literal('query'), language: z.enum(['kuery', 'lucene']), query: z.string().min(1), filters: z.array(z.unknown()).optional(), saved_id: z.string().optional() }).strict(),
  z.object({ ...common, ...indexed, type: z.literal('eql'), language: z.literal('eql'), query: z.string().min(1), event_category_override: z.string().optional(), tiebreaker_field: z.string().optional(), timestamp_field: z.string().optional() }).strict(),
  z.object({ ...common, type: z.literal('esql'), language: z.literal('esql'), query: z.string().min(1) }).strict(),
  z
    .object({
      ...common,
      ...indexed,
      type: z.literal('threshold'),
      language: z.enum(['kuery', 'lucene']),
      query: z.string(),
      threshold: z.object({ field: z.union([z.string(), z.array(z.string())]), value: z.number().int().min(1), cardinality: z.array(z.object({ field: z.string(), value: z.number().int().min(0) }).strict()).optional() }).strict(),
    })
    .strict(),
])

export type KibanaRuleImport = z.infer<typeof kibanaRuleImportSchema>
