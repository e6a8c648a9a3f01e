/**
 * Case-insensitive matching spelled out character by character, for targets
 * whose engine cannot ignore case (Lucene regexps on keyword fields, SQLite
 * outside ASCII). Sigma's reference evaluator compares `toLowerCase()` of both
 * sides, so two characters are equivalent when their lowercase forms are
 * equal; a class lists every single code point with the same lowercase form.
 */
let classes: Map<string, string[]> | undefined

function table(): Map<string, string[]> {
  if (classes) return classes
  classes = new Map()
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue
    const char = String.fromCodePoint(cp)
    const lower = char.toLowerCase()
    if (lower === char && char.toUpperCase() === char) continue
    const members = classes.get(lower) ?? (lower.length === char.length && Array.from(lower).length === 1 ? [lower] : [])
    if (!members.includes(char)) members.push(char)
    classes.set(lower, members)
  }
  return classes
}

const memo = new Map<string, readonly string[]>()

/** Every character equal to `char` ignoring case (at least `char` itself), sorted. */
export function caseVariants(char: string): readonly string[] {
  let variants = memo.get(char)
  if (!variants) {
    const members = table().get(char.toLowerCase())
    variants = Object.freeze(!members || !members.includes(char) ? [char] : [...members].sort())
    memo.set(char, variants)
  }
  return variants
}

/** True when `char` has another case that the evaluator would treat as equal. */
export function hasCaseVariants(char: string): boolean {
  return caseVariants(char).length > 1
}

/** True when the text has a character with case variants outside ASCII. */
export function hasNonAsciiCase(text: string): boolean {
  for (const char of text) if (char.charCodeAt(0) > 0x7f && hasCaseVariants(char)) return true
  return false
}
