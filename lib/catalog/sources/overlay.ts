import type { RuleDetail } from '../manifest-types'
import { splitReferences } from '../safe-url'

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])]

/**
 * A content page over an imported rule with the same id: the page's guide and
 * metadata win (title, description, severity, risk score, schedule, ATT&CK when
 * it maps any, trigger, tests, indices, version, licence, authors; references and
 * false positives are merged); the detection — query, conversions, fields, log
 * source, Elastic facts — stays the source's. The page keeps the content page's slug.
 * A page without a detection (`overlayOnly`) keeps the imported title and severity unless it sets them.
 */
export function overlay(imported: RuleDetail, page: RuleDetail): RuleDetail {
  const only = page.overlayOnly
  return {
    ...imported,
    slug: page.slug,
    title: !only || only.title ? page.title : imported.title,
    description: page.description || imported.description,
    severity: !only || only.severity ? page.severity : imported.severity,
    ...(page.riskScore !== undefined ? { riskScore: page.riskScore } : {}),
    ...(page.status ? { status: page.status } : {}),
    ...(page.attack.length ? { attack: page.attack, tactics: page.tactics, techniques: page.techniques } : {}),
    ...(page.schedule ? { schedule: page.schedule } : {}),
    ...(page.trigger ? { trigger: page.trigger } : {}),
    ...(page.version !== undefined ? { version: page.version } : {}),
    ...(page.license ? { license: page.license } : {}),
    ...(page.authors.length ? { authors: page.authors } : {}),
    ...(page.indices.length ? { indices: page.indices } : {}),
    ...splitReferences(union([...imported.references, ...imported.textReferences], [...page.references, ...page.textReferences])),
    falsepositives: union(imported.falsepositives, page.falsepositives),
    native: [...imported.native, ...page.native],
    tests: only ? imported.tests : page.tests,
    guide: page.guide ?? imported.guide,
    ...(page.guide ? { markdownGuide: undefined } : {}),
    origin: { type: imported.origin?.type ?? 'content', file: imported.file, overlay: page.file },
  }
}
