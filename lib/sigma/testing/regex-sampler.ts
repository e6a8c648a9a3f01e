import RandExp from 'randexp'
import type { Random } from './random'

export interface RegexFlags {
  readonly i: boolean
  readonly m: boolean
  readonly s: boolean
}

/**
 * A string that the rule regex should match, or undefined when the pattern
 * cannot be sampled. randexp (a maintained, dependency-light sampler) walks
 * the pattern's syntax tree; it ignores lookarounds and anchors, so a sample
 * is only a candidate: whoever uses it labels the event with the reference
 * evaluator. Leading inline flags such as `(?i)` are folded into the flags,
 * since JavaScript's syntax, which randexp reads, has no inline flags.
 */
export function sampleRegex(pattern: string, flags: RegexFlags, random: Random): string | undefined {
  let source = pattern
  let ignoreCase = flags.i
  const inline = /^\(\?([imsx]+)\)/.exec(source)
  if (inline) {
    source = source.slice(inline[0].length)
    if (inline[1]!.includes('i')) ignoreCase = true
  }
  try {
    const sampler = new RandExp(source, ignoreCase ? 'i' : '')
    sampler.max = 3
    sampler.randInt = (from: number, to: number) => random.int(from, to)
    // `.` and negated classes draw from printable ASCII plus a few non-ASCII letters.
    sampler.defaultRange.add(0xe9, 0xe9)
    sampler.defaultRange.add(0x3a9, 0x3a9)
    return sampler.gen()
  } catch {
    return undefined
  }
}
