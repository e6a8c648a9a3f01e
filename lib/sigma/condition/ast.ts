/** The parsed condition, before its identifiers are resolved. Offsets are into the condition text. */
export type ConditionNode =
  | { readonly kind: 'and' | 'or'; readonly children: readonly ConditionNode[]; readonly start: number; readonly end: number }
  | { readonly kind: 'not'; readonly child: ConditionNode; readonly start: number; readonly end: number }
  | { readonly kind: 'identifier'; readonly name: string; readonly start: number; readonly end: number }
  | {
      readonly kind: 'of'
      /** `1 of` and `any of` are `1`. */
      readonly quantifier: '1' | 'all'
      /** A name pattern with `*`, or `them`. */
      readonly target: string
      readonly start: number
      readonly end: number
    }

/** A problem in a condition, at an offset of the condition text. */
export interface ConditionProblem {
  readonly message: string
  readonly code: string
  readonly start: number
  readonly end: number
}
