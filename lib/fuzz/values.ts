import { HOSTILE_CHARACTERS } from '../sigma/testing/hostile-text'
import type { Random } from '../sigma/testing/random'

/**
 * Random values for generated rules, written as Sigma writes them (before
 * YAML quoting): strings with wildcards and every escape of the
 * specification's table, regexes that RE2 accepts, networks, numbers.
 */
const WORDS = [
  'cmd.exe', 'powershell', '\\Windows\\System32\\', 'C:\\Users\\', 'rundll32', '-enc', '/c', 'whoami', 'admin', 'Temp',
  'http://', 'AppData', '.dll', 'svchost', 'x', 'A', 'b', 'lsass', 'comsvcs', 'MiniDump', '0x10', '127.0.0.1', 'über', 'İstanbul',
]
/** Pieces that exercise the escaping table: escaped wildcards, doubled and trailing backslashes. */
const ESCAPES = ['\\*', '\\?', '\\\\', '\\\\*', '\\\\?', '\\x', '\\n', '\\%', '%', '_', '%%', '[a]', "''", '""']

export interface StringShape {
  /** Unescaped `*` and `?` allowed. */
  readonly wildcards: boolean
  /** Only ASCII characters (the UTF-16 modifiers). */
  readonly ascii: boolean
  /** Line breaks allowed. */
  readonly newlines: boolean
}

const ASCII_HOSTILE = HOSTILE_CHARACTERS.filter((c) => /^[\x20-\x7e\t]+$/.test(c))

export function sigmaString(random: Random, shape: StringShape, maxPieces = 5): string {
  const pieces = random.int(1, maxPieces)
  let text = ''
  for (let i = 0; i < pieces; i++) {
    const roll = random.next()
    if (roll < 0.4) text += random.pick(WORDS)
    else if (roll < 0.6) text += random.pick(shape.ascii ? ASCII_HOSTILE : HOSTILE_CHARACTERS)
    else if (roll < 0.75) text += random.pick(ESCAPES)
    else if (roll < 0.88 && shape.wildcards) text += random.pick(['*', '?', '*', '?*'])
    else if (roll < 0.9 && shape.newlines) text += random.pick(['\n', '\r\n'])
    else text += random.pick(['a', 'Z', '9', ' ', '-'])
  }
  if (!shape.wildcards) text = escapeWildcards(text)
  if (shape.ascii) text = text.replace(/[^\x00-\x7f]/g, 'q')
  if (random.chance(0.05)) text += '\\'
  return text
}

/** Makes every `*` and `?` literal (`\*`, `\?`), leaving text that has no wildcard for Sigma. */
function escapeWildcards(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char === '\\') {
      const next = text[i + 1]
      if (next === '\\' || next === '*' || next === '?') {
        out += char + next
        i++
      } else out += char
    } else if (char === '*' || char === '?') out += '\\' + char
    else out += char
  }
  return out
}

/** A pattern that RE2 (and so the engine) accepts: literals, classes, groups, alternation, quantifiers, anchors. */
export function regexPattern(random: Random, depth = 0): string {
  const parts = random.int(1, 4)
  let out = random.chance(0.15) && depth === 0 ? '^' : ''
  for (let i = 0; i < parts; i++) {
    const roll = random.next()
    let atom: string
    if (roll < 0.35) atom = escapeRegex(random.pick(WORDS.concat(HOSTILE_CHARACTERS.filter((c) => c.length === 1))))
    else if (roll < 0.5) atom = random.pick(['.', '\\d', '\\w', '\\s', '\\S', '\\.', '\\\\', '\\b', '[a-z]', '[^\\\\/]', '[A-Z0-9_]', '[:]', '\\x41', '[éÉ]'])
    else if (roll < 0.65 && depth < 2) atom = random.pick(['(', '(?:']) + regexPattern(random, depth + 1) + ')'
    else if (roll < 0.75 && depth < 2) atom = '(?:' + regexPattern(random, depth + 1) + '|' + regexPattern(random, depth + 1) + ')'
    else atom = random.pick(['abc', 'x', 'ß', 'Ω', ' ', '-', '%', '_', "'", '"'])
    if (random.chance(0.3)) atom = (atom.length > 1 && !/^[([]/.test(atom) ? `(?:${atom})` : atom) + random.pick(['*', '+', '?', '{1,3}', '{2}', '*?', '+?'])
    out += atom
  }
  if (depth === 0 && random.chance(0.15)) out += '$'
  if (depth === 0 && random.chance(0.05)) out = '(?i)' + out
  return out
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')
}

export function cidr(random: Random): string {
  if (random.chance(0.7)) {
    const bytes = Array.from({ length: 4 }, () => random.pick([0, 10, 127, 172, 192, 168, 255, random.int(0, 255)]))
    return `${bytes.join('.')}/${random.pick([0, 8, 12, 16, 24, 31, 32, random.int(0, 32)])}`
  }
  const groups = Array.from({ length: random.int(1, 4) }, () => random.int(0, 0xffff).toString(16))
  const head = random.pick(['fe80', '2001:db8', 'fc00', '::ffff:10.0.0', '0'])
  const address = head.includes('.') ? head + '.' + random.int(0, 255) : `${head}:${groups.join(':')}::`
  return `${address}/${random.pick([0, 7, 10, 32, 48, 64, 127, 128, random.int(0, 128)])}`
}

/** A number as YAML writes it: integers, negatives, fractions, big values. */
export function numberValue(random: Random): number {
  return random.pick([0, 1, 4, 7, 10, 255, 4624, 4688, -1, -42, 1.5, 0.25, -3.75, 65535, 2 ** 31, 1e6, random.int(0, 100000), random.int(-1000, 1000) / 8])
}
