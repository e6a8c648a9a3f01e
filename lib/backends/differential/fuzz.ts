import type { SigmaCollection, SigmaRule } from '../../sigma/rule'
import { randomExpression, ruleOf, type ExpressionGeneratorOptions } from '../../sigma/testing/expression-generator'
import { createRandom } from '../../sigma/testing/random'

/**
 * Rules for a fuzz campaign: random expressions (every leaf kind, hostile
 * values, odd field names) wrapped as rules, each alone in its collection.
 * They go through `runCorpus` like corpus rules. Issue 8's generator of Sigma
 * YAML plugs in here too: anything that yields `{ rule, collection }`.
 */
export function fuzzRules(count: number, seed: number, options: ExpressionGeneratorOptions = {}): { rule: SigmaRule; collection: SigmaCollection }[] {
  const random = createRandom(seed)
  return Array.from({ length: count }, (_, index) => {
    const rule = ruleOf(randomExpression(random, options), index)
    return { rule, collection: { documents: [rule], diagnostics: [] } }
  })
}
