/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'al', 'inc', 'corp', 'ltd', 'co', 'no', 'mr', 'ms', 'dr', 'st', 'u.s', 'approx'])

/**
 * The short description kept in the compact table: the first sentence of the first paragraph of a
 * STIX description, with `(Citation: …)` markers removed, `[text](url)` links reduced to their text,
 * `<code>x</code>` written as `` `x` `` and `**` bold markers removed. Whitespace is kept as MITRE wrote it.
 */
export function shortDescription(markdown: string | undefined): string {
  if (!markdown) return ''
  const paragraph = markdown.split(/\n\s*\n/).find((p) => p.trim() !== '') ?? ''
  const text = paragraph
    .replace(/\s*\(Citation:[^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<code>(.*?)<\/code>/g, '`$1`')
    .replace(/\*\*/g, '')
    .trimStart()
  return firstSentence(text)
}

/** Text up to the first `.`, `!` or `?` (with a closing quote or bracket) that is followed by a space and a new sentence. */
export function firstSentence(text: string): string {
  const end = /[.!?]["'”)\]]*(?=\s+["'“`(\[]?[A-Z0-9])/g
  for (let m = end.exec(text); m !== null; m = end.exec(text)) {
    const word = /(\S+)$/.exec(text.slice(0, m.index))?.[1]?.toLowerCase().replace(/^[("'“`]+/, '') ?? ''
    if (ABBREVIATIONS.has(word)) continue
    return text.slice(0, m.index + m[0].length)
  }
  return text
}
