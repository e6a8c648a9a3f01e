import { RE2JS } from 're2js'

export interface RegexFlags {
  readonly i: boolean
  readonly m: boolean
  readonly s: boolean
}

const cache = new Map<string, RE2JS>()

/**
 * A rule regex compiled by re2js (linear-time matching: no pattern can make a
 * match hang), cached by pattern and flags. Throws re2js's syntax error.
 */
export function compileRegex(pattern: string, flags: RegexFlags): RE2JS {
  const key = `${flags.i ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}/${pattern}`
  let regex = cache.get(key)
  if (!regex) {
    const bits = (flags.i ? RE2JS.CASE_INSENSITIVE : 0) | (flags.m ? RE2JS.MULTILINE : 0) | (flags.s ? RE2JS.DOTALL : 0)
    regex = RE2JS.compile(pattern, bits)
    if (cache.size > 10_000) cache.clear()
    cache.set(key, regex)
  }
  return regex
}
