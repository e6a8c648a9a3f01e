import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AndNode, NotNode, OrNode, StringMatchNode, type Expression } from '../../sigma/nodes'
import { ANY_CHARS, ONE_CHAR, type SigmaString } from '../../sigma/sigma-string'
import { convertYaml } from '../testing'
import { approximateRawLines, droppedWarning, keywordExactOnLine, type LineCondition } from './grep-raw-lines'
import { grepLines } from './grep-testing'

const at = { file: 't.yml', start: { line: 1, column: 1, offset: 0 } }
const leaf = (field: string | null, value: SigmaString = ['x']) => StringMatchNode.create({ field, value, cased: false, location: at })
const and = (...children: Expression[]) => AndNode.create({ children, location: at })
const or = (...children: Expression[]) => OrNode.create({ children, location: at })
const not = (child: Expression) => NotNode.create({ child, location: at })
const onlyKeywords = (l: Expression) => l.kind === 'StringMatchNode' && l.field === null

describe('raw-line approximation', () => {
  it('should keep positive leaves and drop a field exclusion, folding the constant away', () => {
    const a = leaf('Image')
    const b = leaf('CommandLine')
    const { condition, dropped } = approximateRawLines(and(a, not(b)), onlyKeywords)
    expect(condition).toBe(a)
    expect(dropped).toEqual([b])
  })

  it('should keep a negated keyword, which is exact on a line', () => {
    const expression = and(leaf('Image'), not(leaf(null)))
    expect(approximateRawLines(expression, onlyKeywords)).toEqual({ condition: expression, dropped: [] })
  })

  it('should follow De Morgan under a not: not (a or k) keeps not k, not (a and k) is dropped whole', () => {
    const a = leaf('Image')
    const k = leaf(null)
    expect(approximateRawLines(not(or(a, k)), onlyKeywords).condition).toEqual(not(k))
    expect(approximateRawLines(not(and(a, k)), onlyKeywords).condition).toBe(true)
  })

  it('should over-approximate again under two nots', () => {
    const inner = or(leaf('Image'), leaf('User'))
    const { condition, dropped } = approximateRawLines(not(or(leaf('ParentImage'), not(inner))), onlyKeywords)
    // ParentImage is negated once and dropped; the inner `not` puts Image and User back in positive position.
    expect(condition).toBe(inner)
    expect(dropped.map((l) => l.field)).toEqual(['ParentImage'])
  })

  it('should never miss: the rule implies the approximation for every leaf valuation a line allows', () => {
    // Leaves 0-2 are fields, 3-4 keywords (exact). A line test may hold where its field leaf does not, never the reverse.
    const leaves = [leaf('a'), leaf('b'), leaf('c'), leaf(null, ['k']), leaf(null, ['l'])]
    const tree: fc.Arbitrary<Expression> = fc.letrec<{ node: Expression }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...leaves),
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((c) => and(...c)),
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((c) => or(...c)),
        tie('node').map(not),
      ),
    })).node
    fc.assert(
      fc.property(tree, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (expression, truth, extra) => {
        const onLine = truth.map((t, i) => (i >= 3 ? t : t || extra[i]!))
        const rule = evaluate(expression, (l) => truth[leaves.indexOf(l as never)]!)
        const { condition } = approximateRawLines(expression, onlyKeywords)
        const line = evaluate(condition, (l) => onLine[leaves.indexOf(l as never)]!)
        return !rule || line
      }),
      { numRuns: 2000 },
    )
  })
})

describe('keywordExactOnLine', () => {
  it('should call a keyword exact unless a match could span two values (white space, wildcards inside)', () => {
    expect(keywordExactOnLine(leaf(null, ['mimikatz']))).toBe(true)
    expect(keywordExactOnLine(leaf(null, [ANY_CHARS, 'mimikatz', ANY_CHARS]))).toBe(true)
    expect(keywordExactOnLine(leaf(null, ['sekurlsa', ANY_CHARS, 'logon']))).toBe(false)
    expect(keywordExactOnLine(leaf(null, ['a', ONE_CHAR]))).toBe(false)
    expect(keywordExactOnLine(leaf(null, ['cmd /c']))).toBe(false)
    expect(keywordExactOnLine(leaf('Image', ['mimikatz']))).toBe(false)
  })
})

describe('droppedWarning', () => {
  it('should name the fields whose exclusions were left out', () => {
    expect(droppedWarning([])).toBeUndefined()
    expect(droppedWarning([leaf('CommandLine')])).toMatch(/^the exclusion on CommandLine cannot be checked on a raw line.*over-matches/)
    expect(droppedWarning([leaf('A'), leaf('B'), leaf('A'), leaf(null)])).toMatch(/^exclusions on A, B and a keyword cannot be checked/)
  })
})

describe('grep raw lines with real grep -P', () => {
  const yaml = (condition: string) =>
    [
      'title: t',
      'logsource: { product: windows, category: process_creation }',
      'detection:',
      "  sel: { Image|endswith: '\\cmd.exe' }",
      "  filter: { CommandLine|contains: 'RunCmd' }",
      '  keywords: [mimikatz]',
      `  condition: ${condition}`,
    ].join('\n')
  const lines = [
    'C:\\cmd.exe whoami', // matches
    'C:\\cmd.exe RunCmd.cmd', // excluded by the rule
    'C:\\RunCmd\\cmd.exe whoami', // the excluded value sits in Image: the rule matches
    'C:\\cmd.exe mimikatz', // the keyword
  ]

  it('should never drop a line the rule matches, leaving the field exclusion out with a warning', () => {
    const result = convertYaml(yaml('sel and not filter'), 'grep')
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^the exclusion on CommandLine cannot be checked on a raw line/)])
    expect(grepResult(result, lines)).toEqual([0, 1, 2, 3])
  })

  it('should keep the seed reading in pipeline raw-line-exclusions, which misses the third line and says so', () => {
    const result = convertYaml(yaml('sel and not filter'), 'grep@raw-line-exclusions')
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^under `not`, a raw line is excluded wherever the value appears/)])
    expect(grepResult(result, lines)).toEqual([0, 3])
  })

  it('should apply a negated keyword exactly, without a warning', () => {
    const result = convertYaml(yaml('sel and not keywords'), 'grep')
    expect(result.ok && result.warnings).toEqual([])
    expect(grepResult(result, lines)).toEqual([0, 1, 2])
  })

  it('should not fold the letters of a negated keyword further than the evaluator (ſ is not s)', () => {
    const result = convertYaml(yaml('sel and not keywords').replace('[mimikatz]', '[sekurlsa]'), 'grep')
    expect(grepResult(result, ['C:\\cmd.exe SEKURLSA', 'C:\\cmd.exe ſekurlſa', 'C:\\cmd.exe x'])).toEqual([1, 2])
  })

  it('should leave out a regex anchored after an escaped backslash or bracket, and keep an escaped dollar (fuzz seed 3)', () => {
    const regex = (re: string) => convertYaml(yaml('sel').replace("Image|endswith: '\\cmd.exe'", () => `Image|re: '${re}'`), 'grep')
    const warningsOf = (result: ReturnType<typeof regex>) => (result.ok ? result.warnings.map((w) => w.message) : [result.reason])
    expect(warningsOf(regex('er\\\\$'))).toEqual([expect.stringMatching(/anchored to a field value/)])
    expect(warningsOf(regex('\\[y\\][^0-9]$'))).toEqual([expect.stringMatching(/anchored to a field value/)])
    expect(grepResult(regex('er\\$'), ['C:\\server$ x', 'C:\\server x'])).toEqual([0])
  })

  it('should match every line when the rule is only an exclusion it cannot check', () => {
    const result = convertYaml(yaml('not filter'), 'grep')
    expect(result.ok && result.query).toBe("grep -P '^(?:(?=))'")
    expect(grepResult(result, lines)).toEqual([0, 1, 2, 3])
  })
})

/** A condition's value, given each leaf's. */
function evaluate(condition: LineCondition, value: (leaf: Expression) => boolean): boolean {
  if (typeof condition === 'boolean') return condition
  switch (condition.kind) {
    case 'AndNode':
      return condition.children.every((c) => evaluate(c, value))
    case 'OrNode':
      return condition.children.some((c) => evaluate(c, value))
    case 'NotNode':
      return !evaluate(condition.child, value)
    default:
      return value(condition)
  }
}

/** The lines real `grep -P` selects with a converted query's pattern. */
function grepResult(result: ReturnType<typeof convertYaml>, lines: readonly string[]): number[] {
  if (!result.ok) throw new Error(result.reason)
  return grepLines(/^grep -P '(.*)'$/s.exec(result.query)![1]!.replaceAll(`'\\''`, "'"), lines)
}
