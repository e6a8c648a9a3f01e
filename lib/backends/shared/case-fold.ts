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

/**
 * Engines that ignore case by Unicode case folding (PCRE2's `(?i)`, RE2, JavaScript's `/iu`) also equate
 * characters whose lowercase forms differ: `ſ` folds to `s`, `ς` to `σ`, `µ` to `μ`, `ϑ` to `θ`. For a
 * Sigma value, which the evaluator compares by lowercase, `(?i)s` would then find `ſ` too. This is true of
 * the characters whose fold orbit holds such a stranger; they must be spelled as their `caseVariants`.
 */
export function foldsWiderThanCase(char: string): boolean {
  const orbit = foldOrbits().get(foldKey(char))
  return orbit !== undefined && orbit.some((other) => !caseVariants(char).includes(other))
}

let orbits: Map<string, string[]> | undefined

/** Characters grouped by their simple case fold (`/iu` equality), only the groups with a character the lowercase tests keep apart. */
function foldOrbits(): Map<string, string[]> {
  if (orbits) return orbits
  const all = new Map<string, string[]>()
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue
    const char = String.fromCodePoint(cp)
    const key = foldKey(char)
    const members = all.get(key) ?? []
    members.push(char)
    all.set(key, members)
  }
  orbits = new Map([...all].filter(([, members]) => members.some((m) => members.some((n) => m.toLowerCase() !== n.toLowerCase()))))
  return orbits
}

/** The simple case fold of a character: its lowercase, or the lowercase of its uppercase where `/iu` agrees (`ſ` → `s`). */
function foldKey(char: string): string {
  const lower = char.toLowerCase()
  const viaUpper = char.toUpperCase().toLowerCase()
  if (viaUpper !== lower && Array.from(viaUpper).length === 1 && new RegExp(`^${escapeRegex(char)}$`, 'iu').test(viaUpper)) return viaUpper
  return Array.from(lower).length === 1 ? lower : char
}

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
