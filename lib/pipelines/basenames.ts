import type { StringMatchNode } from '../sigma/nodes'
import type { LogSource } from '../sigma/rule'
import { isAnyChars } from '../sigma/sigma-string'
import { matchesLogSource } from './apply-pipeline'
import type { Pipeline } from './pipeline'

/** A flat event as the differential engines read it (field → value). */
type Event = Readonly<Record<string, unknown>>

/** The base-name rules of a pipeline that apply to a log source. */
function rulesFor(pipeline: Pipeline, logsource: LogSource): Pipeline['basenames'] {
  return pipeline.basenames.filter((rule) => matchesLogSource(rule.when, logsource))
}

/**
 * A leaf on a path field (target name, after renaming) whose value is
 * `*<separator><name>` — one leading wildcard, then a literal base name with no
 * separator and no other wildcard — rewritten to the field's name sibling equal
 * to `<name>`, keeping `cased`: `process.executable` ending in `\mmc.exe` is
 * `process.name` equal to `mmc.exe`, as the name field holds the base name of
 * the (absolute) path. Any other leaf is returned as it is; a `not` around the
 * leaf keeps its meaning, the two leaves being equal on every event.
 */
export function toBasename(node: StringMatchNode, pipeline: Pipeline, logsource: LogSource): StringMatchNode {
  if (node.field === null || node.value.length !== 2 || !isAnyChars(node.value[0])) return node
  const suffix = node.value[1]
  if (typeof suffix !== 'string') return node
  for (const rule of rulesFor(pipeline, logsource)) {
    const nameField = rule.fields[node.field]
    if (nameField === undefined) continue
    const name = suffix.slice(rule.separator.length)
    if (!suffix.startsWith(rule.separator) || name === '' || name.includes(rule.separator)) return node
    return Object.freeze({ ...node, field: nameField, value: [name] })
  }
  return node
}

/**
 * The event with each name field a base-name rule names set from its path
 * field, as the shipper does (the text after the last separator), when the
 * path holds a separator and the name field is absent. The differential
 * engines use it so that a query on `process.name` meets the events a rule on
 * `process.executable` is checked against.
 */
export function withBasenames<E extends Event>(event: E, pipeline: Pipeline, logsource: LogSource): E {
  let out: Record<string, unknown> | undefined
  for (const rule of rulesFor(pipeline, logsource)) {
    for (const [pathField, nameField] of Object.entries(rule.fields)) {
      const path = event[pathField]
      if (typeof path !== 'string' || event[nameField] !== undefined || (out && out[nameField] !== undefined)) continue
      const cut = path.lastIndexOf(rule.separator)
      if (cut < 0) continue
      out ??= { ...event }
      out[nameField] = path.slice(cut + rule.separator.length)
    }
  }
  return (out ?? event) as E
}
