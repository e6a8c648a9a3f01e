import type { Document } from 'yaml'
import type { z } from 'zod'
import type { Diagnostic } from '../sigma/diagnostics'
import { frontmatterLocation, nodeAt, type SplitFile } from './frontmatter'

/** `sigma.tests[2].match` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${String(segment)}` : String(segment)),
    '',
  )
}

/**
 * Validate frontmatter with a zod schema; every issue becomes a diagnostic at the
 * YAML node it concerns (or the nearest one that exists), named by its field path.
 */
export function parseWithFriendlyErrors<S extends z.ZodType>(
  schema: S,
  split: SplitFile & { doc: Document.Parsed },
  data: unknown,
): { value: z.output<S> | undefined; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(data)
  if (result.success) return { value: result.data, diagnostics: [] }
  const diagnostics = result.error.issues.map((issue): Diagnostic => {
    const node = nodeAt(split.doc, issue.path)
    const where = issue.path.length ? `\`${formatPath(issue.path)}\`: ` : ''
    return {
      severity: 'error',
      code: `frontmatter-${issue.code.replaceAll('_', '-')}`,
      message: `${where}${issue.message}`,
      location: frontmatterLocation(split, node?.range),
    }
  })
  return { value: undefined, diagnostics }
}
