import type { Expression } from '../../../sigma/nodes'
import type { EventValue } from '../../../sigma/testing/event'
import { mapLeaves } from '../../../pipelines/map-expression'
import { compileLucene, indexedIp, type FieldType, type FieldTypes } from '../lucene/lucene-evaluator'
import type { Engine } from '../types'

/**
 * The `lucene` target's query parsed by the npm `lucene` parser and evaluated
 * with Elasticsearch semantics (`lucene-evaluator.ts`). Every field is a
 * `keyword` field except those the rule compares with `lt/lte/gt/gte`, which
 * are numeric (and `ip`, `boolean`: see `fieldTypes`). An event whose value
 * in such a field Elasticsearch would reject or coerce at indexing (a string
 * in a numeric field, `10.1` in an `ip` field) is skipped: the indexed
 * document would no longer be the event the evaluator sees.
 */
export function createLuceneEngine(options: { pipeline?: string } = {}): Engine {
  return {
    id: options.pipeline ? `lucene-${options.pipeline}` : 'lucene',
    target: 'lucene',
    pipeline: options.pipeline,
    exactness: 'exact',
    newlines: true,
    accepts: (event, expression) =>
      Object.entries(fieldTypes(expression)).every(([field, type]) => indexable(event[field], type)),
    run: (query, events, expression) => {
      try {
        const predicate = compileLucene(query, fieldTypes(expression))
        return { ok: true, matched: events.map((event) => predicate(event)) }
      } catch (error) {
        return { ok: false, error: (error as Error).message }
      }
    },
  }
}

const types = new WeakMap<Expression, FieldTypes>()

/**
 * The mapping the query runs against: \`keyword\` for every field, except
 * fields compared with lt/lte/gt/gte (numeric), matched with \`cidr\` (\`ip\`,
 * as ECS maps addresses) or with a boolean (\`boolean\`) and never as text.
 */
export function fieldTypes(expression: Expression): FieldTypes {
  let found = types.get(expression)
  if (!found) {
    const typed: Record<string, FieldType> = {}
    const text = new Set<string>()
    mapLeaves(expression, (node) => {
      if (node.kind === 'NumberMatchNode' && node.op !== 'eq' && node.field !== null) typed[node.field] = 'number'
      else if (node.kind === 'CidrMatchNode') typed[node.field] = 'ip'
      else if (node.kind === 'BooleanMatchNode') typed[node.field] = 'boolean'
      else if ((node.kind === 'StringMatchNode' || node.kind === 'RegexMatchNode') && node.field !== null) text.add(node.field)
      return node
    })
    // A field also matched as text is a keyword field: one field has one type.
    for (const field of text) if (typed[field] === 'ip' || typed[field] === 'boolean') delete typed[field]
    found = typed
    types.set(expression, found)
  }
  return found
}

/** Whether Elasticsearch would index the value in a field of this type (a rejected document is skipped). */
function indexable(value: EventValue | undefined, type: FieldType): boolean {
  if (value === undefined || value === null) return true
  // Elasticsearch would coerce "01" to 1 and so change the event; only JSON numbers are compared.
  if (type === 'number') return typeof value === 'number'
  if (type === 'ip') return indexedIp(value) !== undefined
  if (type === 'boolean') return value === true || value === false || value === 'true' || value === 'false' || value === ''
  return true
}
