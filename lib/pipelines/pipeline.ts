import { z } from 'zod'

/**
 * A processing pipeline as plain data: which data source a log source means
 * for a target, how field names are renamed, how values are rewritten, and
 * whether an unmapped field is an error. Users write the same shape in a YAML
 * or JSON file (`atlas convert --pipeline my-pipeline.yml`).
 */

/** Matches a rule's `logsource`: every key given must be equal (case-insensitively). */
export const LogSourceMatchSchema = z
  .object({
    product: z.string().optional(),
    category: z.string().optional(),
    service: z.string().optional(),
  })
  .strict()

/** A scalar a pipeline may add as an extra condition: `EventID: 1`, `Channel: '...'`. */
const ConditionValueSchema = z.union([z.string(), z.number(), z.boolean()])

/** Where the events of a log source live in the target, and what else selects them. */
export const DataSourceSchema = z
  .object({
    /** Elasticsearch index patterns, e.g. `winlogbeat-*`. */
    index: z.array(z.string()).optional(),
    /** Splunk `index`/`source`/`sourcetype` terms put in front of the search. */
    splunk: z.record(z.string(), z.string()).optional(),
    /** SQL table; SQLite defaults to `logs`. */
    table: z.string().optional(),
    /** EQL event category (`process`, `network`, `file`, …); `any` when unknown. */
    eqlCategory: z.string().optional(),
    /** Microsoft Defender XDR / Sentinel table, e.g. `DeviceProcessEvents`. */
    kqlTable: z.string().optional(),
    /**
     * How line-oriented targets (`grep`) see an event: `raw` text lines, or
     * `jsonl` — one flat JSON object per line, so each value is looked for in
     * its own `"field":"value"` pair. `raw-line-exclusions`: raw lines where a
     * `not` excludes a line wherever the value appears (the first seed's grep;
     * it may miss events whose other fields hold an excluded value).
     */
    lines: z.enum(['raw', 'raw-line-exclusions', 'jsonl']).optional(),
    /**
     * Field conditions ANDed in front of the detection, written with the
     * target's field names (they are not mapped again). A list means any of
     * its values; strings match whole values exactly (case-sensitively).
     */
    conditions: z.record(z.string(), z.union([ConditionValueSchema, z.array(ConditionValueSchema)])).optional(),
  })
  .strict()

export const LogSourceRuleSchema = z
  .object({
    /** Applies when every key matches; the first matching rule wins. */
    when: LogSourceMatchSchema,
    dataSource: DataSourceSchema,
  })
  .strict()

export const FieldMappingSchema = z
  .object({
    /** Applies only to rules of this log source; all rules when absent. */
    when: LogSourceMatchSchema.optional(),
    /** Rule field name → target field name. */
    map: z.record(z.string(), z.string()).default({}),
    /** Fields not in `map` get this prefix (`winlog.event_data.`); they then count as mapped. */
    prefix: z.string().optional(),
  })
  .strict()

/**
 * How a correlation's group-by fields are named in the target, where grouping wants another
 * field than matching: a host is grouped by its id (`ComputerName` → `host.id`, as names can
 * collide) while a condition on a host name matches the name. Applies only to group-by fields;
 * a group-by field that no entry names uses `fields`.
 */
export const GroupByMappingSchema = z
  .object({
    when: LogSourceMatchSchema.optional(),
    map: z.record(z.string(), z.string()),
  })
  .strict()

/** Rewrites literal string values of the named fields (all fields when `fields` is absent). */
export const ValueTransformSchema = z
  .object({
    when: LogSourceMatchSchema.optional(),
    fields: z.array(z.string()).optional(),
    /** A JavaScript regular expression (global), and its replacement with `$1`-style groups. */
    replace: z.object({ pattern: z.string(), replacement: z.string() }).strict(),
  })
  .strict()

/**
 * Path fields whose base name has its own field (target names, after renaming): a value
 * `*<separator><name>` on the path field is rewritten to the name field equal to `<name>`.
 */
export const BasenameRuleSchema = z
  .object({
    when: LogSourceMatchSchema.optional(),
    /** The path separator of the log source's platform: `\\` on Windows, `/` elsewhere. */
    separator: z.string().min(1),
    /** Path field → name field, e.g. `process.executable` → `process.name`. */
    fields: z.record(z.string(), z.string()),
  })
  .strict()

export const PipelineSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lowercase id such as `ecs-windows`'),
    label: z.string(),
    description: z.string().optional(),
    /** Target ids this pipeline suits; empty means any. */
    targets: z.array(z.string()).default([]),
    logsources: z.array(LogSourceRuleSchema).default([]),
    /** The data source when no `logsources` rule matches. */
    defaultDataSource: DataSourceSchema.default({}),
    fields: z.array(FieldMappingSchema).default([]),
    values: z.array(ValueTransformSchema).default([]),
    groupBy: z.array(GroupByMappingSchema).default([]),
    basenames: z.array(BasenameRuleSchema).default([]),
    /** Error on a field that no mapping names (instead of passing it through unchanged). */
    strict: z.boolean().default(false),
    /** Error on a log source that no `logsources` rule matches (instead of using `defaultDataSource`). */
    requireDataSource: z.boolean().default(false),
    /**
     * The schema the `fields` map to (`ECS`): a rule whose log source no field mapping
     * covers is converted with a warning that its fields are not mapped to it.
     */
    warnUnmappedLogSource: z.string().optional(),
  })
  .strict()

export type LogSourceMatch = z.infer<typeof LogSourceMatchSchema>
export type DataSource = z.infer<typeof DataSourceSchema>
export type FieldMapping = z.infer<typeof FieldMappingSchema>
export type GroupByMapping = z.infer<typeof GroupByMappingSchema>
export type ValueTransform = z.infer<typeof ValueTransformSchema>
export type BasenameRule = z.infer<typeof BasenameRuleSchema>
/** A validated pipeline (defaults filled in). */
export type Pipeline = z.infer<typeof PipelineSchema>
/** What a pipeline author writes (defaults optional). */
export type PipelineInput = z.input<typeof PipelineSchema>

/** Builds a built-in pipeline, validated once at module load. */
export function definePipeline(input: PipelineInput): Pipeline {
  return Object.freeze(PipelineSchema.parse(input))
}
