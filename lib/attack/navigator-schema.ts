import { z } from 'zod'

/**
 * The fields of an ATT&CK Navigator layer, format 4.5
 * (mitre-attack/attack-navigator `layers/spec/v4.5/layerformat.md`), as far as this project uses them.
 */
const link = z.object({ label: z.string(), url: z.string().regex(/^[a-z][a-z0-9+.-]*:\/\//i, 'must start with a protocol, e.g. https://') })
const metadata = z.object({ name: z.string(), value: z.string() })
const divider = z.object({ divider: z.boolean() })
const color = z.string().regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i, 'must be a hex colour like #66b1ff')

export const navigatorTechniqueSchema = z.object({
  techniqueID: z.string().regex(/^T\d{4}(?:\.\d{3})?$/, 'must look like T1234 or T1234.567'),
  tactic: z.string().regex(/^[a-z]+(?:-[a-z]+)*$/, 'must be a tactic shortname like lateral-movement').optional(),
  comment: z.string().optional(),
  enabled: z.boolean().optional(),
  score: z.number().optional(),
  color: z.union([color, z.literal('')]).optional(),
  metadata: z.array(z.union([metadata, divider])).optional(),
  links: z.array(z.union([link, divider])).optional(),
  showSubtechniques: z.boolean().optional(),
})

export const navigatorLayerSchema = z.object({
  name: z.string().min(1),
  versions: z
    .object({
      attack: z.string().optional(),
      navigator: z.string().regex(/^(?:4\.(?:9|\d{2,})|[5-9]|\d{2,})(?:\.\d+)*$/, 'must be at least 4.9.0'),
      layer: z.literal('4.5'),
    })
    .optional(),
  domain: z.enum(['enterprise-attack', 'mobile-attack', 'ics-attack']),
  description: z.string().optional(),
  customDataURL: z.string().optional(),
  filters: z.object({ platforms: z.array(z.string()).optional() }).optional(),
  sorting: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  layout: z
    .object({
      layout: z.enum(['side', 'flat', 'mini']).optional(),
      showID: z.boolean().optional(),
      showName: z.boolean().optional(),
      showAggregateScores: z.boolean().optional(),
      countUnscored: z.boolean().optional(),
      aggregateFunction: z.enum(['average', 'min', 'max', 'sum']).optional(),
      expandedSubtechniques: z.enum(['none', 'all', 'annotated']).optional(),
    })
    .optional(),
  hideDisabled: z.boolean().optional(),
  techniques: z.array(navigatorTechniqueSchema).optional(),
  gradient: z
    .object({ colors: z.array(color).min(2), minValue: z.number(), maxValue: z.number() })
    .refine((g) => g.maxValue > g.minValue, { message: 'maxValue must be greater than minValue', path: ['maxValue'] })
    .optional(),
  legendItems: z.array(z.object({ label: z.string(), color })).optional(),
  showTacticRowBackground: z.boolean().optional(),
  tacticRowBackground: color.optional(),
  selectTechniquesAcrossTactics: z.boolean().optional(),
  selectSubtechniquesWithParent: z.boolean().optional(),
  selectVisibleTechniques: z.boolean().optional(),
  metadata: z.array(z.union([metadata, divider])).optional(),
  links: z.array(z.union([link, divider])).optional(),
})

export type NavigatorLayer = z.infer<typeof navigatorLayerSchema>
export type NavigatorTechnique = z.infer<typeof navigatorTechniqueSchema>

/**
 * Check a value against the Navigator 4.5 layer fields. Returns one message per problem,
 * each naming the field path (`techniques.3.techniqueID: must look like T1234…`); empty when valid.
 */
export function validateNavigatorLayer(value: unknown): string[] {
  const result = navigatorLayerSchema.safeParse(value)
  if (result.success) return []
  return result.error.issues.map((issue) => `${issue.path.join('.') || '(layer)'}: ${issue.message}`)
}
