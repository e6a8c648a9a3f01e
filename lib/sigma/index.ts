/** The public API of the Sigma engine. Isomorphic: no `node:` imports. */
export { parseSigma, sortDiagnostics, type ParseOptions } from './load'
export { matches, timePart, type MatchOptions } from './evaluate'
export { fieldValues, allValues } from './event-fields'
export { formatDiagnostic, SigmaError, type Diagnostic, type Severity } from './diagnostics'
export { formatLocation, type Location, type Point } from './position'
export * from './nodes'
export type * from './rule'
export {
  ANY_CHARS,
  ONE_CHAR,
  parseSigmaString,
  stringifySigmaString,
  classifySigmaString,
  plainText,
  hasWildcards,
  hasPlaceholders,
  type SigmaString,
  type StringToken,
  type Placeholder,
  type SigmaStringShape,
} from './sigma-string'
export { compileWildcard } from './wildcard'
export { parseCondition, type ConditionParse } from './condition/parse'
export type { ConditionNode, ConditionProblem } from './condition/ast'
export { tokenize as tokenizeCondition, type Token as ConditionToken } from './condition/tokenize'
export { MODIFIERS, MODIFIER_NAMES, isModifierName, type ModifierName, type ModifierSpec, type ModifierKind } from './modifiers'
export { WINDASH_CHARACTERS, windashVariants } from './windash'
export { base64Offsets } from './base64'
export { utf16Bytes } from './utf16'
export { checkTag } from './tags'
export { parseTimespan, CORRELATION_TYPES } from './correlation'
export { expressionFields } from './expression-fields'
export { resolveCollection, logSourceCovers, type ResolvedCollection } from './resolve'
export {
  evaluateCorrelation,
  timestampOf,
  type CorrelationOptions,
  type CorrelationResult,
  type FiredGroup,
} from './correlation-evaluate'
export { LIMITS, fileTooLarge, markdownTooComplex, nestedTooDeep, textTooLarge, tooManyAliases, utf8Size } from './limits'
export { bracketsTooDeep, mdxTooDeep, yamlCstTooDeep, yamlTooDeep } from './nesting'
