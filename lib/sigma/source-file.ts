import { LineCounter } from 'yaml'
import type { Diagnostic, Severity } from './diagnostics'
import type { Location, Point } from './position'

/**
 * One source text and its name: turns character offsets (from the YAML parser
 * or from condition tokens) into locations, and collects diagnostics.
 */
export class SourceFile {
  readonly lineCounter = new LineCounter()
  readonly diagnostics: Diagnostic[] = []

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lineCounter.addNewLine(0)
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineCounter.addNewLine(i + 1)
  }

  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    const { line, col } = this.lineCounter.linePos(clamped)
    return { line, column: col, offset: clamped }
  }

  location(start: number, end?: number): Location {
    return end === undefined
      ? { file: this.file, start: this.point(start) }
      : { file: this.file, start: this.point(start), end: this.point(end) }
  }

  /** The location of a YAML node from its `range` (start, value end, node end). */
  nodeLocation(node: { range?: readonly number[] | null } | null | undefined, fallback?: Location): Location {
    const range = node?.range
    if (!range || range[0] === undefined) return fallback ?? this.location(0)
    return this.location(range[0], range[1])
  }

  report(severity: Severity, code: string, message: string, location: Location): void {
    this.diagnostics.push({ severity, code, message, location })
  }

  error(code: string, message: string, location: Location): void {
    this.report('error', code, message, location)
  }

  warning(code: string, message: string, location: Location): void {
    this.report('warning', code, message, location)
  }
}

/** `12:14` as in mdast messages. */
export function shortPoint(location: Location): string {
  return `${location.start.line}:${location.start.column}`
}
