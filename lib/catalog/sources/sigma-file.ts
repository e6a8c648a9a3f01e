import type { Diagnostic } from '../../sigma/diagnostics'
import { textTooLarge } from '../../sigma/limits'
import type { Location } from '../../sigma/position'
import { buildRule, type BuiltRule } from '../build-rule'
import type { TargetSummary } from '../manifest-types'

/** The Sigma text as the `sigma: |` block of a page without a guide: lines 3… of the wrapper, indented by 2. */
const HEADER_LINES = 2
const INDENT = 2

function wrap(text: string): string {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n+$/, '')
  return `---\nsigma: |\n${body
    .split('\n')
    .map((line) => (line ? `${' '.repeat(INDENT)}${line}` : line))
    .join('\n')}\n---\n`
}

/** A location in the wrapper → the same place in the `.yml` file. */
function unwrap(location: Location, file: string): Location {
  const point = (p: Location['start']) => ({
    line: Math.max(1, p.line - HEADER_LINES),
    column: Math.max(1, p.column - (p.line > HEADER_LINES ? INDENT : 0)),
    offset: 0,
  })
  return { file, start: point(location.start), ...(location.end ? { end: point(location.end) } : {}) }
}

/**
 * One plain Sigma `.yml` file (a rule, or a correlation with its rules) → its
 * rule page: the same per-rule work as a content page with a `sigma:` block and
 * no guide (parse, validate, ATT&CK, every target × pipeline × format, highlighting),
 * with every diagnostic located in the `.yml` file itself.
 */
export async function buildSigmaFile(file: string, slug: string, text: string, targets: readonly TargetSummary[]): Promise<BuiltRule> {
  const tooLarge = textTooLarge(file, text)
  if (tooLarge) return { detail: null, diagnostics: [tooLarge], idLocation: null }
  const built = await buildRule(file, slug, wrap(text), targets)
  const diagnostics: Diagnostic[] = built.diagnostics.map((d) => ({ ...d, location: unwrap(d.location, file) }))
  const detail = built.detail && {
    ...built.detail,
    origin: { type: 'sigma' as const, file },
    ...(built.detail.status === 'deprecated' ? { deprecated: true } : {}),
  }
  return { detail, diagnostics, idLocation: built.idLocation && unwrap(built.idLocation, file) }
}
