import type { Expression } from '../nodes'
import type { Location } from '../position'
import type { SigmaRule } from '../rule'
import { ANY_CHARS, ONE_CHAR, normalizeSigmaString, type StringToken } from '../sigma-string'
import { HOSTILE_CHARACTERS } from './hostile-text'
import type { Random } from './random'

/**
 * Random detection expressions, for fuzzing the backends below the YAML layer:
 * every leaf kind, nested and/or/not, keyword searches, and values built from
 * hostile pieces (quotes, backslashes, wildcard and escape characters of every
 * target, non-ASCII case). A generator of Sigma YAML (issue 8) can reuse the
 * same pools; this one exercises the compilers directly.
 */
export interface ExpressionGeneratorOptions {
  /** Deepest nesting of and/or/not (default 3). */
  readonly depth?: number
  /** Field names by type, as a schema would give them (default: see `FIELDS`). */
  readonly fields?: FieldPools
}

/**
 * A field has one type, as in any real schema: numeric comparisons go to
 * number fields, `cidr` to address fields, booleans to boolean fields, text
 * matches to text fields (which may also hold numbers compared for equality).
 */
export interface FieldPools {
  readonly text: readonly string[]
  readonly number: readonly string[]
  readonly ip: readonly string[]
  readonly boolean: readonly string[]
}

const FIELDS: FieldPools = {
  text: ['Image', 'CommandLine', 'User', 'Process Name', 'odd"field', 'Größe', 'cs-uri-query'],
  number: ['EventID', 'Size'],
  ip: ['DestinationIp', 'SourceIp'],
  boolean: ['Signed'],
}

// Letters whose case partners cross scripts: Kelvin sign K (lowercase k), long s ſ and final sigma ς (Unicode case folding: s, σ).
const CASE_EDGES = ['kiss', '\u212Aiss', 'ſ', 'ς', 'Ω', '\u2126']

const PIECES = [...CASE_EDGES, 'cmd.exe', 'C:\\Windows\\', '\\\\server\\', 'Ab', 'é', 'İ', 'ß', 'Σ', '100%', 'a_b', "it's", 'say "hi"', '(x)', '[y]', '{z}', 'a|b', '^$', '.*', '+-!', '/tmp/', '<tag>', 'x=1&y>2', '~#@', '\t', '😀', 'Я', ...HOSTILE_CHARACTERS]

const LOCATION: Location = Object.freeze({ file: 'generated.yml', start: Object.freeze({ line: 1, column: 1, offset: 0 }) })

export function randomExpression(random: Random, options: ExpressionGeneratorOptions = {}): Expression {
  const fields = options.fields ?? FIELDS
  const node = (depth: number): Expression => {
    const roll = random.next()
    if (depth > 0 && roll < 0.25) return { kind: 'AndNode', location: LOCATION, children: children(depth) }
    if (depth > 0 && roll < 0.45) return { kind: 'OrNode', location: LOCATION, children: children(depth) }
    if (depth > 0 && roll < 0.55) return { kind: 'NotNode', location: LOCATION, child: node(depth - 1) }
    return leaf(random, fields)
  }
  const children = (depth: number) => Array.from({ length: random.int(1, 4) }, () => node(depth - 1))
  return node(options.depth ?? 3)
}

/** A rule around an expression, as `parseSigma` would make it (for `convert` and the differential checks). */
export function ruleOf(expression: Expression, index: number): SigmaRule {
  return {
    type: 'rule',
    location: { ...LOCATION, file: `generated/${index}.yml` },
    source: '',
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    title: `Generated rule ${index}`,
    references: [],
    tags: [],
    falsepositives: [],
    fields: [],
    related: [],
    custom: {},
    logsource: { product: 'generated' },
    expression,
  }
}

function leaf(random: Random, fields: FieldPools): Expression {
  const field = random.pick(fields.text)
  const base = { location: LOCATION }
  switch (random.int(0, 11)) {
    case 0:
      return { ...base, kind: 'RegexMatchNode', field, pattern: randomRegex(random), flags: { i: random.chance(0.4), m: random.chance(0.1), s: random.chance(0.1) } }
    case 1:
      return { ...base, kind: 'CidrMatchNode', field: random.pick(fields.ip), cidr: random.pick(['10.0.0.0/8', '192.168.1.0/24', '172.16.0.0/12', '0.0.0.0/0', '::1/128', 'fe80::/10']) }
    case 2: {
      const op = random.pick(['eq', 'eq', 'lt', 'lte', 'gt', 'gte'] as const)
      const numeric = op !== 'eq' || random.chance(0.5)
      return { ...base, kind: 'NumberMatchNode', field: numeric ? random.pick(fields.number) : field, op, value: random.pick([0, 1, 4688, -5, 65535, 3.5]) }
    }
    case 3:
      return { ...base, kind: 'BooleanMatchNode', field: random.pick(fields.boolean), value: random.chance(0.5) }
    case 4:
      return { ...base, kind: 'NullMatchNode', field: random.pick(all(fields)) }
    case 5:
      return { ...base, kind: 'ExistsNode', field: random.pick(all(fields)) }
    case 6:
      return { ...base, kind: 'FieldRefNode', field, otherField: random.pick(fields.text), match: random.pick(['eq', 'startswith', 'endswith', 'contains'] as const), cased: random.chance(0.3) }
    case 7:
      return { ...base, kind: 'StringMatchNode', field: null, value: randomValue(random), cased: false }
    default:
      return { ...base, kind: 'StringMatchNode', field, value: randomValue(random), cased: random.chance(0.2) }
  }
}

const all = (fields: FieldPools) => [...fields.text, ...fields.number, ...fields.ip, ...fields.boolean]

function randomValue(random: Random): readonly StringToken[] {
  const tokens: StringToken[] = []
  if (random.chance(0.4)) tokens.push(ANY_CHARS)
  for (let i = random.int(1, 3); i > 0; i--) {
    tokens.push(random.pick(PIECES))
    if (random.chance(0.15)) tokens.push(random.chance(0.7) ? ANY_CHARS : ONE_CHAR)
  }
  if (random.chance(0.4)) tokens.push(ANY_CHARS)
  return normalizeSigmaString(tokens)
}

const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}]/g

/** A regex in Sigma's subset: escaped literal pieces, classes, groups, quantifiers, sometimes anchored. */
function randomRegex(random: Random): string {
  const atoms = () => {
    const pick = random.int(0, 6)
    if (pick === 0) return '.'
    if (pick === 1) return random.pick(['[a-z]', '[^0-9]', '[A-F0-9]', '\\d', '\\s', '\\w', '[.]'])
    if (pick === 2) return `(${random.pick(PIECES).replace(REGEX_SPECIAL, '\\$&')}|${random.pick(PIECES).replace(REGEX_SPECIAL, '\\$&')})`
    return random.pick(PIECES).replace(REGEX_SPECIAL, '\\$&')
  }
  let pattern = ''
  for (let i = random.int(1, 3); i > 0; i--) {
    pattern += atoms()
    if (random.chance(0.3)) pattern += random.pick(['*', '+', '?', '{1,3}'])
  }
  if (random.chance(0.15)) pattern = '^' + pattern
  if (random.chance(0.15)) pattern += '$'
  return pattern
}
