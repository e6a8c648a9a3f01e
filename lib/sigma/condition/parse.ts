import type { ConditionNode, ConditionProblem } from './ast'
import { LIMITS } from '../limits'
import { tokenize, type Token } from './tokenize'

export interface ConditionParse {
  /** Undefined when the condition has a syntax error. */
  readonly ast?: ConditionNode
  readonly problems: readonly ConditionProblem[]
}

const MAX_DEPTH = LIMITS.maxConditionDepth

class ConditionSyntax {
  constructor(readonly problem: ConditionProblem) {}
}

/**
 * Parse a Sigma condition. Precedence, loosest first: `or` < `and` < `not` <
 * `x of` < parentheses; `and`/`or` are left-associative. Never throws: a
 * syntax error is returned as a problem at the column of the bad token.
 */
export function parseCondition(text: string): ConditionParse {
  const tokens = tokenize(text)
  let index = 0
  let depth = 0

  const peek = (): Token | undefined => tokens[index]
  const fail = (message: string, code: string, token: Token | undefined): never => {
    const start = token?.start ?? text.length
    throw new ConditionSyntax({ message, code, start, end: token?.end ?? start })
  }
  const describe = (token: Token) => `\`${token.text}\``

  /**
   * A disjunction: conjunctions joined by `or`.
   *
   * ```
   * > | a and b or c
   *     ^^^^^^^ ^^ ^
   * ```
   */
  function disjunction(): ConditionNode {
    return joined('or', conjunction)
  }

  /**
   * A conjunction: negations joined by `and`.
   *
   * ```
   * > | a and not b
   *     ^ ^^^ ^^^^^
   * ```
   */
  function conjunction(): ConditionNode {
    return joined('and', negation)
  }

  function joined(operator: 'and' | 'or', operand: () => ConditionNode): ConditionNode {
    const children = [operand()]
    while (peek()?.type === operator) {
      index++
      children.push(operand())
    }
    return children.length === 1
      ? children[0]!
      : { kind: operator, children, start: children[0]!.start, end: children[children.length - 1]!.end }
  }

  /**
   * Any number of `not` before an operand.
   *
   * ```
   * > | not not a
   *     ^^^ ^^^ ^
   * ```
   */
  function negation(): ConditionNode {
    const token = peek()
    if (token?.type !== 'not') return operand()
    index++
    nest(token)
    const child = negation()
    depth--
    return { kind: 'not', child, start: token.start, end: child.end }
  }

  /**
   * An identifier, a quantified selection or a parenthesised condition.
   *
   * ```
   * > | (a or b)
   *     ^
   * > | 1 of sel*
   *     ^
   * > | sel
   *     ^
   * ```
   */
  function operand(): ConditionNode {
    const token = peek()
    if (!token) return fail('Unexpected end of condition, expected an identifier', 'condition-unexpected-end', token)
    switch (token.type) {
      case '(':
        return parenthesised(token)
      case 'quantifier':
        return selection(token)
      case 'name':
        index++
        return { kind: 'identifier', name: token.text, start: token.start, end: token.end }
      case 'them':
        return fail('Unexpected `them` without `1 of` or `all of` before it', 'condition-unexpected-token', token)
      case 'invalid':
        return invalid(token)
      default:
        return fail(`Unexpected ${describe(token)}, expected an identifier`, 'condition-unexpected-token', token)
    }
  }

  /**
   * Inside parentheses, up to the closing one.
   *
   * ```
   * > | (a or b) and c
   *      ^^^^^^^
   * ```
   */
  function parenthesised(open: Token): ConditionNode {
    index++
    nest(open)
    const inner = disjunction()
    depth--
    const close = peek()
    if (close?.type !== ')') {
      return close
        ? fail(`Unexpected ${describe(close)}, expected \`)\``, 'condition-unexpected-token', close)
        : fail(`Unclosed \`(\` at column ${open.start + 1}`, 'condition-unclosed-parenthesis', open)
    }
    index++
    return { ...inner, start: open.start, end: close.end }
  }

  /**
   * A quantifier, `of`, then a name pattern or `them`.
   *
   * ```
   * > | all of selection_*
   *     ^^^ ^^ ^^^^^^^^^^^
   * ```
   */
  function selection(quantifier: Token): ConditionNode {
    if (quantifier.text !== '1' && quantifier.text !== 'any' && quantifier.text !== 'all') {
      fail(`Unexpected quantifier ${describe(quantifier)}, expected \`1\`, \`any\` or \`all\``, 'condition-bad-quantifier', quantifier)
    }
    index++
    const of = peek()
    if (of?.type !== 'of') {
      return fail(`Expected \`of\` after ${describe(quantifier)}`, 'condition-expected-of', of)
    }
    index++
    const target = peek()
    if (target?.type !== 'name' && target?.type !== 'them') {
      return fail(`Expected a name pattern or \`them\` after \`of\``, 'condition-expected-pattern', target)
    }
    index++
    return {
      kind: 'of',
      quantifier: quantifier.text === 'all' ? 'all' : '1',
      target: target.text,
      start: quantifier.start,
      end: target.end,
    }
  }

  /**
   * A character that starts no token; `|` gets a hint about the obsolete aggregations.
   *
   * ```
   * > | selection | count() > 5
   *               ^
   * ```
   */
  function invalid(token: Token): never {
    const hint = token.text === '|' ? ': aggregations (`| count() ...`) are obsolete, use a correlation rule' : ''
    return fail(`Unexpected character ${describe(token)} in condition${hint}`, 'condition-invalid-character', token)
  }

  function nest(token: Token): void {
    if (++depth > MAX_DEPTH) fail(`Condition nested deeper than ${MAX_DEPTH} levels`, 'condition-too-deep', token)
  }


  try {
    if (tokens.length === 0) fail('Empty condition', 'condition-empty', undefined)
    const ast = disjunction()
    const rest = peek()
    if (rest?.type === 'invalid') invalid(rest)
    if (rest) {
      fail(
        rest.type === ')' ? 'Unmatched `)`' : `Unexpected ${describe(rest)} after a complete condition`,
        'condition-unexpected-token',
        rest,
      )
    }
    return { ast, problems: [] }
  } catch (error) {
    if (error instanceof ConditionSyntax) return { problems: [error.problem] }
    throw error
  }
}
