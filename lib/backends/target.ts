import type { Expression } from '../sigma/nodes'
import type { Dialect } from './compiler/dialect'
import type { CompileOptions, Compiled } from './compiler/text-query-compiler'

/** A conversion target: its language table plus what `atlas targets` lists. */
export interface Target {
  readonly id: string
  readonly label: string
  /** Syntax-highlighting language id (shiki). */
  readonly language: string
  /** Built-in pipeline ids this target suits; the first is its default. */
  readonly pipelines: readonly string[]
  /** Output formats; `default` is the plain query. */
  readonly formats: readonly string[]
  /** Kept out of `targets` (the compiler's test target). */
  readonly hidden?: boolean
  readonly dialect: Dialect
  /**
   * Replaces the plain `compileExpression(expression, dialect)` when a
   * language splits a rule into parts (Splunk's `| regex` after the search).
   */
  readonly compile?: (expression: Expression, options: CompileOptions) => Compiled
}

export type TargetInput = Omit<Target, 'formats'> & { readonly formats?: readonly string[] }

export function defineTarget(input: TargetInput): Target {
  return Object.freeze({ formats: ['default'], ...input })
}
