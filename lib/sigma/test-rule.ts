import { formatDiagnostic } from './diagnostics'
import { matches, type MatchOptions } from './evaluate'
import { parseSigma, type ParseOptions } from './load'
import type { Expression } from './nodes'

/** Lines before the detection in `testRule` documents: the detection starts on line 5. */
const HEADER = 'title: Test\nlogsource:\n    product: test\ndetection:\n'

export interface TestRule {
  readonly expression: Expression
  /** Formatted diagnostics, `test.yml:line:col: severity: message [code]`. */
  readonly problems: readonly string[]
  readonly errors: readonly string[]
  readonly match: (event: unknown, options?: MatchOptions) => boolean
}

/**
 * A rule for tests from the body of its detection, written without
 * indentation (it is indented under `detection:`, which starts on line 5).
 */
export function testRule(detection: string, options: ParseOptions = {}): TestRule {
  const body = detection
    .replace(/^\n/, '')
    .split('\n')
    .map((line) => (line ? '    ' + line : line))
    .join('\n')
  const collection = parseSigma(HEADER + body, 'test.yml', options)
  const document = collection.documents[0]
  if (!document || document.type !== 'rule') throw new Error('testRule: no rule parsed')
  const problems = collection.diagnostics.map(formatDiagnostic)
  return {
    expression: document.expression,
    problems,
    errors: collection.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
    match: (event, matchOptions) => matches(document.expression, event, matchOptions),
  }
}
