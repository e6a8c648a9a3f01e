import type { Random } from '../sigma/testing/random'

/**
 * A tiny block-YAML writer for generated rules. Every string is written in a
 * randomly chosen style that reads back as exactly that string (plain when
 * that is safe, single-quoted, double-quoted with some characters as
 * escapes), so that both YAML readers of `lib/sigma` see every quoting form.
 */
export type YamlValue = string | number | boolean | null | RawScalar | readonly YamlValue[] | YamlMap

/** Text written as is (a number spelled `0x1F` or `00429`, a flow list). */
export interface RawScalar {
  readonly raw: string
}

/** Keys in order; a `Map` keeps the order the generator chose. */
export type YamlMap = ReadonlyMap<string, YamlValue>

export const raw = (text: string): RawScalar => ({ raw: text })

export function writeYaml(value: YamlMap, random: Random, indent = random.pick([2, 4])): string {
  return writeMap(value, 0, random, indent)
}

function isRaw(value: YamlValue): value is RawScalar {
  return typeof value === 'object' && value !== null && 'raw' in value
}

function writeMap(map: YamlMap, depth: number, random: Random, indent: number): string {
  const pad = ' '.repeat(depth * indent)
  let out = ''
  for (const [key, value] of map) out += pad + writeKey(key, random) + ':' + writeAfterKey(value, depth, random, indent)
  return out
}

function writeAfterKey(value: YamlValue, depth: number, random: Random, indent: number): string {
  if (value instanceof Map) return value.size === 0 ? ' {}\n' : '\n' + writeMap(value, depth + 1, random, indent)
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []\n'
    return '\n' + writeList(value, depth + 1, random, indent, true)
  }
  return ' ' + scalar(value as string | number | boolean | null | RawScalar, random) + '\n'
}

function writeList(list: readonly YamlValue[], depth: number, random: Random, indent: number, underKey = false): string {
  // Under a key, a sequence may sit at the key's own indentation (a style SigmaHQ rules use) or below it.
  const pad = ' '.repeat(Math.max(0, depth - (underKey && random.chance(0.3) ? 1 : 0)) * indent)
  let out = ''
  for (const item of list) {
    if (item instanceof Map) {
      if (item.size === 0) {
        out += pad + '- {}\n'
        continue
      }
      const body = writeMap(item, 0, random, indent).split('\n').filter(Boolean)
      const inner = ' '.repeat(pad.length + 2)
      out += pad + '- ' + body[0] + '\n' + body.slice(1).map((l) => inner + l + '\n').join('')
    } else if (Array.isArray(item)) {
      out += pad + '-\n' + writeList(item, depth + 1, random, indent)
    } else out += pad + '- ' + scalar(item as string | number | boolean | null | RawScalar, random) + '\n'
  }
  return out
}

function writeKey(key: string, random: Random): string {
  if (/^[A-Za-z_][\w.@|-]*$/.test(key) && !looksTyped(key)) return key
  return random.chance(0.5) || /[\n\r\t\\"]|[\x00-\x1f]/.test(key) ? JSON.stringify(key) : `'${key.replaceAll("'", "''")}'`
}

function scalar(value: string | number | boolean | null | RawScalar, random: Random): string {
  if (value === null) return random.pick(['null', '~', 'Null', ''])
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(value)
  if (isRaw(value)) return value.raw
  return quote(value, random)
}

/** A YAML scalar that reads back as the string `text`. */
export function quote(text: string, random: Random): string {
  const styles: ((t: string) => string)[] = [doubleQuoted(random)]
  if (!/[\n\r\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(text)) styles.push(singleQuoted)
  if (plainSafe(text)) styles.push((t) => t, (t) => t)
  return random.pick(styles)(text)
}

const singleQuoted = (text: string) => `'${text.replaceAll("'", "''")}'`

function doubleQuoted(random: Random) {
  return (text: string) => {
    let out = '"'
    for (const char of text) {
      const code = char.codePointAt(0)!
      if (char === '"') out += '\\"'
      else if (char === '\\') out += '\\\\'
      else if (char === '\n') out += '\\n'
      else if (char === '\t') out += random.chance(0.5) ? '\\t' : '\t'
      else if (code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029 || code === 0xfeff) {
        out += code <= 0xff && random.chance(0.5) ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`
      } else if (code < 0x80 && /[A-Za-z]/.test(char) && random.chance(0.03)) out += `\\x${hex(code, 2)}`
      else if (code > 0xffff && random.chance(0.3)) out += `\\U${hex(code, 8)}`
      else out += char
    }
    return out + '"'
  }
}

const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, '0')

/** Whether `text` can be written plain and still read back as this string. */
function plainSafe(text: string): boolean {
  if (text === '' || text !== text.trim()) return false
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return false
  if (/[\n\r\t\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]|: |:$| #/.test(text)) return false
  return !looksTyped(text)
}

/** Text that some YAML schema (1.1 or 1.2) reads as something other than a string. */
function looksTyped(text: string): boolean {
  return (
    /^(?:null|~|true|false|yes|no|on|off|y|n|\.inf|[-+]\.inf|\.nan)$/i.test(text) ||
    /^[-+]?(?:\d|\.\d)/.test(text) ||
    /^0[xob]/i.test(text) ||
    /^<<$/.test(text) ||
    /^---|^\.\.\./.test(text)
  )
}
