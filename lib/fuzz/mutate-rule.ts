import { MODIFIER_NAMES } from '../sigma/modifiers'
import { HOSTILE_CHARACTERS } from '../sigma/testing/hostile-text'
import type { Random } from '../sigma/testing/random'
import { cidr, regexPattern, sigmaString } from './values'
import { quote } from './yaml-text'

/**
 * Mutations of real rule files, as text: modifiers swapped, inserted or
 * dropped, conditions perturbed, values changed, lines dropped or
 * duplicated, YAML broken. The result may be valid or not; the oracle only
 * asks that the library answers with documents or located diagnostics.
 */
export interface Mutation {
  readonly name: string
  readonly apply: (text: string, random: Random) => string
}

const MODIFIER_KEY = /^(\s*-?\s*['"]?[^\s:'"#-][^:'"]*?)((?:\|[A-Za-z0-9_]*)*)(['"]?\s*:)/

function lines(text: string): string[] {
  return text.split('\n')
}

/** A random line matching `pattern`, or undefined. */
function pickLine(all: readonly string[], pattern: RegExp, random: Random): number | undefined {
  const candidates = all.flatMap((line, i) => (pattern.test(line) ? [i] : []))
  return candidates.length === 0 ? undefined : random.pick(candidates)
}

function editLine(text: string, pattern: RegExp, random: Random, edit: (line: string) => string): string {
  const all = lines(text)
  const at = pickLine(all, pattern, random)
  if (at === undefined) return text
  all[at] = edit(all[at]!)
  return all.join('\n')
}

const MODIFIERS_PLUS = [...MODIFIER_NAMES, 'foo', 'Contains', 'all', 're', 'cidr', 'exists', '']

/** Lines of a detection block: a key ending in `:` that carries modifiers or is a field. */
const ITEM_LINE = /^\s{4,}-?\s*['"]?[A-Za-z_][\w.@ -]*(?:\|\w*)*['"]?\s*:/

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'swap-modifier',
    apply: (text, random) =>
      editLine(text, /\|\w+/, random, (line) => {
        const found = [...line.matchAll(/\|(\w*)/g)]
        if (found.length === 0) return line
        const hit = random.pick(found)
        return line.slice(0, hit.index) + '|' + random.pick(MODIFIERS_PLUS) + line.slice(hit.index! + hit[0].length)
      }),
  },
  {
    name: 'insert-modifier',
    apply: (text, random) =>
      editLine(text, ITEM_LINE, random, (line) =>
        line.replace(MODIFIER_KEY, (_, field: string, mods: string, colon: string) => {
          const chain = mods.split('|').filter(Boolean)
          chain.splice(random.int(0, chain.length), 0, random.pick(MODIFIERS_PLUS))
          return field + chain.map((m) => '|' + m).join('') + colon
        }),
      ),
  },
  {
    name: 'drop-modifier',
    apply: (text, random) => editLine(text, /\|\w+/, random, (line) => line.replace(random.chance(0.5) ? /\|\w+/ : /\|\w+(?=['"]?\s*:)/, '')),
  },
  {
    name: 'perturb-condition',
    apply: (text, random) =>
      editLine(text, /^\s*(?:-\s*)?condition\s*:|^\s+-\s+\S.*\b(?:and|or|of)\b/, random, (line) => {
        const [head, ...rest] = line.split(/(?<=:)\s/)
        const body = rest.length ? rest.join(' ') : head!
        const prefix = rest.length ? head + ' ' : ''
        const edit = random.pick<(c: string) => string>([
          (c) => c.replace(/\band\b/, 'or'),
          (c) => c.replace(/\bor\b/, 'and'),
          (c) => c.replace(/\bnot\s+/, ''),
          (c) => c.replace(/(\w+)/, 'not $1'),
          (c) => c.replace(/[()]/, ''),
          (c) => c + ' and (',
          (c) => c + ' or 1 of them',
          (c) => c + ' and not all of them',
          (c) => c + ' and unknown_identifier',
          (c) => c + ' or 1 of nomatch*',
          (c) => c.replace(/\b1 of\b/, 'all of'),
          (c) => c.replace(/\ball of\b/, '1 of'),
          (c) => `(${c}) and (${c})`,
          (c) => c + ' |',
          (c) => c.replace(/\w+\*/, '*'),
          () => "''",
          (c) => c.replace(/ /g, '  '),
          (c) => 'not '.repeat(random.int(1, 40)) + c,
          (c) => '('.repeat(300) + c + ')'.repeat(300),
        ])
        return prefix + edit(body)
      }),
  },
  {
    name: 'change-value',
    apply: (text, random) =>
      editLine(text, /^\s+(?:-\s+\S|[^\s#-][^:]*:\s+\S)/, random, (line) => {
        const value = random.pick<() => string>([
          () => quote(sigmaString(random, { wildcards: true, ascii: false, newlines: true }), random),
          () => quote(random.pick(HOSTILE_CHARACTERS), random),
          () => 'null',
          () => "''",
          () => String(random.int(-5, 70000)),
          () => random.pick(['true', 'false', 'yes', '~', '0x1F', '00429', '1e3', '.nan']),
          () => quote(regexPattern(random), random),
          () => quote(cidr(random), random),
          () => '[a, b, {c: d}]',
          () => '{}',
          () => '[]',
          () => quote('%admins%', random),
          () => quote('(?<=x)y', random),
          () => quote('a'.repeat(random.int(1, 3000)), random),
        ])()
        const item = /^(\s+-\s+)/.exec(line)
        if (item && !/^\s+-\s+[^:]+:\s/.test(line)) return item[1] + value
        return line.replace(/^(\s*(?:-\s+)?[^:]*:\s+).*$/, `$1${value}`)
      }),
  },
  {
    name: 'drop-line',
    apply: (text, random) => {
      const all = lines(text)
      all.splice(random.int(0, all.length - 1), 1)
      return all.join('\n')
    },
  },
  {
    name: 'duplicate-line',
    apply: (text, random) => {
      const all = lines(text)
      const at = random.int(0, all.length - 1)
      all.splice(at, 0, all[at]!)
      return all.join('\n')
    },
  },
  {
    name: 'duplicate-document',
    apply: (text) => `${text.trimEnd()}\n---\n${text}`,
  },
  {
    name: 'break-yaml',
    apply: (text, random) => {
      const at = random.int(0, Math.max(0, text.length - 1))
      return random.pick<() => string>([
        () => text.slice(0, at) + text.slice(at + 1),
        () => text.slice(0, at) + random.pick(['\t', '"', "'", ': ', '- ', '{', '[', '&a ', '*a', '!!binary ', '\n---\n', '\n...\n', '#', '\\', '\u0000', '\ufeff', '%YAML 1.1\n']) + text.slice(at),
        () => text.slice(0, at),
        () => editLine(text, /^\s+\S/, random, (line) => line.replace(/^\s/, random.pick(['', '   ', '\t']))),
        () => `anchor: &x [${'*x,'.repeat(3)}]\n` + text,
        () => text.replace(/\n/g, '\r\n'),
        () => '\ufeff' + text,
      ])()
    },
  },
]

/** One to three mutations applied in turn; the names say which. */
export function mutateRule(text: string, random: Random): { text: string; mutations: string[] } {
  const applied: string[] = []
  let out = text
  const count = random.int(1, 3)
  for (let i = 0; i < count; i++) {
    const mutation = random.pick(MUTATIONS)
    out = mutation.apply(out, random)
    applied.push(mutation.name)
  }
  return { text: out, mutations: applied }
}
