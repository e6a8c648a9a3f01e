declare module 'lucene' {
  /** Parses a Lucene / Elasticsearch query string into the parser's plain-object tree; throws a SyntaxError. */
  export function parse(query: string): unknown
  const lucene: { parse: typeof parse }
  export default lucene
}
