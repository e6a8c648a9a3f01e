/** A point in a source file: 1-based line and column, 0-based character offset. */
export interface Point {
  readonly line: number
  readonly column: number
  readonly offset: number
}

/** Where something came from: every model node and every diagnostic carries one. */
export interface Location {
  readonly file: string
  readonly start: Point
  readonly end?: Point
}

export function formatLocation(location: Location): string {
  return `${location.file}:${location.start.line}:${location.start.column}`
}
