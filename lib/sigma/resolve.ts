import type { Diagnostic } from './diagnostics'
import { sortDiagnostics } from './load'
import type { Location } from './position'
import type { LogSource, SigmaCollection, SigmaCorrelation, SigmaDocument, SigmaFilter, SigmaRule } from './rule'

export interface ResolvedCollection {
  /** Every document; rules named by filters carry `rule AND filter` as their expression. */
  readonly collection: SigmaCollection
  /** Every document by id and by name. */
  readonly lookup: ReadonlyMap<string, SigmaDocument>
  /** For each correlation, the documents its `rules` name, in order (missing ones left out). */
  readonly references: ReadonlyMap<SigmaCorrelation, readonly SigmaDocument[]>
}

const at = (location: Location) => `${location.file}:${location.start.line}:${location.start.column}`

/**
 * Link the documents of one or more files: ids unique across files, correlation
 * references resolved by id or name (chains allowed, cycles rejected), filters
 * applied to the rules they name when the log sources agree.
 */
export function resolveCollection(collections: readonly SigmaCollection[]): ResolvedCollection {
  const diagnostics: Diagnostic[] = collections.flatMap((c) => c.diagnostics)
  const documents = collections.flatMap((c) => c.documents)
  const report = (severity: Diagnostic['severity'], code: string, message: string, location: Location) =>
    diagnostics.push({ severity, code, message, location })

  const lookup = new Map<string, SigmaDocument>()
  for (const document of documents) {
    for (const [key, what] of [
      [document.id, 'id'],
      [document.name, 'name'],
    ] as const) {
      if (key === undefined) continue
      const first = lookup.get(key)
      if (!first) lookup.set(key, document)
      else if (what === 'name' || first.location.file !== document.location.file) {
        const where = (d: SigmaDocument) => (what === 'id' ? (d.idLocation ?? d.location) : d.location)
        report('error', `duplicate-${what}`, `Duplicate ${what} \`${key}\`, also used at ${at(where(first))}`, where(document))
      }
    }
  }

  const references = new Map<SigmaCorrelation, SigmaDocument[]>()
  for (const document of documents) {
    if (document.type !== 'correlation') continue
    const found: SigmaDocument[] = []
    for (const reference of document.rules) {
      const target = lookup.get(reference)
      // A warning: the rules may live in files not loaded with this one (the evaluator cannot run it, though).
      if (!target) report('warning', 'unknown-rule-reference', `Correlation refers to \`${reference}\`, which is not a loaded rule id or name`, document.location)
      else if (target.type === 'filter') report('error', 'invalid-rule-reference', `Correlation refers to \`${reference}\`, which is a filter`, document.location)
      else found.push(target)
    }
    for (const [alias, mapping] of Object.entries(document.aliases)) {
      for (const name of Object.keys(mapping)) {
        if (!document.rules.includes(name) && !found.some((d) => d.name === name || d.id === name)) {
          report('error', 'unknown-alias-rule', `Alias \`${alias}\` names \`${name}\`, which the correlation does not refer to`, document.location)
        }
      }
    }
    references.set(document, found)
  }
  for (const correlation of references.keys()) {
    if (reaches(correlation, correlation, references, new Set())) {
      report('error', 'correlation-cycle', `Correlation \`${correlation.name ?? correlation.id ?? correlation.title}\` refers back to itself`, correlation.location)
    }
  }

  const filtered = new Map<SigmaRule, SigmaRule>()
  for (const filter of documents) {
    if (filter.type !== 'filter') continue
    for (const reference of filter.rules) {
      const target = lookup.get(reference)
      if (!target) {
        report('warning', 'unknown-filter-rule', `Filter names \`${reference}\`, which is not a loaded rule id or name`, filter.location)
      } else if (target.type !== 'rule') {
        report('error', 'invalid-filter-rule', `Filter names \`${reference}\`, which is a ${target.type}, not a rule`, filter.location)
      } else if (!logSourceCovers(filter.logsource, target.logsource)) {
        report('warning', 'filter-logsource-mismatch', `Filter does not apply to \`${reference}\`: its logsource differs from the rule's`, filter.location)
      } else {
        const current = filtered.get(target) ?? target
        filtered.set(target, applyFilter(current, filter))
      }
    }
  }
  const resolved = documents.map((d) => (d.type === 'rule' ? (filtered.get(d) ?? d) : d))
  if (filtered.size) {
    for (const [key, document] of lookup) if (document.type === 'rule' && filtered.has(document)) lookup.set(key, filtered.get(document)!)
  }
  return { collection: { documents: resolved, diagnostics: sortDiagnostics(diagnostics) }, lookup, references }
}

function reaches(from: SigmaDocument, target: SigmaCorrelation, references: Map<SigmaCorrelation, SigmaDocument[]>, seen: Set<SigmaDocument>): boolean {
  if (from.type !== 'correlation' || seen.has(from)) return false
  seen.add(from)
  return (references.get(from) ?? []).some((next) => next === target || reaches(next, target, references, seen))
}

/** A filter applies when every log source field it sets equals the rule's. */
export function logSourceCovers(filter: LogSource, rule: LogSource): boolean {
  return (['category', 'product', 'service'] as const).every((key) => filter[key] === undefined || filter[key] === rule[key])
}

function applyFilter(rule: SigmaRule, filter: SigmaFilter): SigmaRule {
  return { ...rule, expression: { kind: 'AndNode', children: [rule.expression, filter.expression], location: filter.location } }
}
