/**
 * Tag syntax per namespace (Sigma appendix "Tags"). Syntax only: whether an
 * ATT&CK id exists is for the catalog to resolve. Both `_` and `-` spellings pass.
 */
const NAMESPACES: Readonly<Record<string, RegExp>> = {
  attack: /^(t\d{4}(\.\d{3})?|[gsma]\d{4}|ds\d{4}|[a-z]+([-_][a-z]+)*)$/,
  car: /^\d{4}-\d{2}-\d{3}$/,
  cve: /^\d{4}[-_.]\d{4,}$/,
  detection: /^(dfir|emerging[-_]threats|threat[-_]hunting)$/,
  tlp: /^(red|amber|amber[-_]strict|green|clear|white)$/,
  stp: /^[1-5][auk]?$/,
  d3fend: /^[a-z0-9][a-z0-9._-]*$/,
}

const GENERIC = /^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9._-]*$/

/** An error message for a malformed tag, or undefined if its syntax is valid. */
export function checkTag(tag: string): string | undefined {
  if (tag !== tag.toLowerCase()) return `Tag \`${tag}\` must be lowercase`
  const dot = tag.indexOf('.')
  if (dot <= 0) return `Tag \`${tag}\` must be \`namespace.value\``
  const namespace = tag.slice(0, dot)
  const rule = NAMESPACES[namespace]
  if (rule) return rule.test(tag.slice(dot + 1)) ? undefined : `Invalid \`${namespace}\` tag \`${tag}\``
  return GENERIC.test(tag) ? undefined : `Invalid tag \`${tag}\``
}
