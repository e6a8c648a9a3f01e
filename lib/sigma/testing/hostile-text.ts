import type { Random } from './random'

/**
 * Characters that break naive converters: query-language quotes and escapes,
 * Sigma and SQL wildcards, regex and Lucene reserved characters, and text
 * whose case folding is not ASCII's.
 */
export const HOSTILE_CHARACTERS: readonly string[] = [
  "'", '"', '\\', '\\\\', '*', '?', '%', '_', '[', ']', '(', ')', '{', '}', '|', '^', '$', '.', '+',
  '/', ':', '<', '>', '=', '&', '&&', '||', '!', '~', '#', '@', ',', ';', '`', ' ', '\t', '-',
  'é', 'É', 'ß', 'İ', 'ı', 'Ω', 'ω', 'Я', 'я', '日本', '😀', '\u202e', '\u200b', 'ﬀ',
]

/** Line breaks: legal in values, but a raw-line log cannot hold them. */
export const LINE_BREAKS: readonly string[] = ['\n', '\r\n', '\r']

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

export interface FillerOptions {
  /** Probability that each piece is hostile rather than plain. */
  readonly hostility: number
  /** Whether line breaks may appear. */
  readonly newlines: boolean
}

/** A short random string, mixing plain letters and hostile characters. */
export function filler(random: Random, options: FillerOptions, maxPieces = 4): string {
  const pieces = random.int(0, maxPieces)
  let text = ''
  for (let i = 0; i < pieces; i++) {
    if (random.chance(options.hostility)) {
      text += options.newlines && random.chance(0.1) ? random.pick(LINE_BREAKS) : random.pick(HOSTILE_CHARACTERS)
    } else text += PLAIN[random.int(0, PLAIN.length - 1)]
  }
  return text
}

/** One character for a `?` wildcard. */
export function oneCharacter(random: Random, options: FillerOptions): string {
  if (random.chance(options.hostility)) {
    const pick = random.pick(HOSTILE_CHARACTERS.filter((c) => Array.from(c).length === 1))
    return pick
  }
  return PLAIN[random.int(0, PLAIN.length - 1)]!
}

/** A different character than `char`, preferring one of the same class. */
export function otherCharacter(random: Random, char: string): string {
  for (;;) {
    const candidate = random.chance(0.8) ? PLAIN[random.int(0, PLAIN.length - 1)]! : random.pick(HOSTILE_CHARACTERS)
    if (candidate.toLowerCase() !== char.toLowerCase()) return candidate
  }
}
