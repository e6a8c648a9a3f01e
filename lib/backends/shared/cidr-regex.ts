import ipaddr from 'ipaddr.js'

/**
 * Anchored regular expressions matching the text of the addresses of a
 * CIDR network, for targets without IP functions (SQLite, grep, Lucene
 * keyword fields). They use only groups, classes, alternation and counted
 * repetition, so RE2, PCRE and (after respelling) Lucene read them alike.
 *
 * - IPv4: dotted quads, octets without leading zeros, as log writers print them.
 * - IPv6: every RFC 4291 spelling — 1 to 4 hex digits per group in either case,
 *   one `::` for a run of zero groups, a dotted-quad tail, a `%zone` suffix —
 *   with `::a.b.c.d` read as the reference evaluator (ipaddr.js) reads it: the
 *   IPv4-mapped `::ffff:a.b.c.d`.
 */
export function cidrRegex(cidr: string): string | undefined {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number]
  try {
    parsed = ipaddr.parseCIDR(cidr)
  } catch {
    return undefined
  }
  const [address, bits] = parsed
  return address.kind() === 'ipv4' ? `^${ipv4Body((address as ipaddr.IPv4).octets, bits)}$` : `^${ipv6Body((address as ipaddr.IPv6).parts, bits)}$`
}

/** The IPv4 form only (IPv6 networks give `undefined`). */
export function ipv4CidrRegex(cidr: string): string | undefined {
  return cidr.includes(':') ? undefined : cidrRegex(cidr)
}

/** The regex without its anchors, to embed in a larger pattern. */
export function cidrBody(cidr: string): string | undefined {
  return cidrRegex(cidr)?.slice(1, -1)
}

const ANY_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'

function ipv4Body(octets: readonly number[], bits: number): string {
  return octets
    .map((octet, index) => {
      const fixed = Math.max(0, Math.min(8, bits - index * 8))
      if (fixed === 8) return String(octet)
      if (fixed === 0) return ANY_OCTET
      const size = 2 ** (8 - fixed)
      const low = octet - (octet % size)
      return `(?:${Array.from({ length: size }, (_, i) => low + i).join('|')})`
    })
    .join('\\.')
}

const HEX = '[0-9a-fA-F]'
const H = `${HEX}{1,4}`

interface Group {
  readonly regex: string
  /** Whether the group may be 0, so that `::` may stand for it. */
  readonly zero: boolean
}

/** A 16-bit group whose top `fixed` bits are those of `value`, in 1 to 4 hex digits. */
function group(value: number, fixed: number): Group {
  if (fixed === 0) return { regex: H, zero: true }
  const digits = [0, 1, 2, 3].map((j) => {
    const keep = Math.max(0, Math.min(4, fixed - 4 * j))
    const want = (value >> (12 - 4 * j)) & 0xf
    const allowed = Array.from({ length: 16 }, (_, v) => v).filter((v) => v >> (4 - keep) === want >> (4 - keep))
    return { allowed, text: allowed.length === 16 ? HEX : digitClass(allowed) }
  })
  const spellings: string[] = []
  for (let drop = 0; drop < 4; drop++) {
    if (drop > 0 && !digits[drop - 1]!.allowed.includes(0)) break
    spellings.push(digits.slice(drop).map((d) => d.text).join(''))
  }
  return { regex: spellings.length === 1 ? spellings[0]! : `(?:${spellings.join('|')})`, zero: digits.every((d) => d.allowed.includes(0)) }
}

function digitClass(values: readonly number[]): string {
  const chars = values.flatMap((v) => (v < 10 ? [String(v)] : [v.toString(16), v.toString(16).toUpperCase()]))
  return chars.length === 1 ? chars[0]! : `[${chars.join('')}]`
}

/** Groups joined by `:`, runs of unconstrained groups written as a counted repetition. */
function joinGroups(groups: readonly Group[]): string {
  const out: string[] = []
  for (let i = 0; i < groups.length; ) {
    let run = 1
    while (groups[i]!.regex === H && groups[i + run]?.regex === H) run++
    out.push(run > 1 ? `(?:${H}:){${run - 1}}${H}` : groups[i]!.regex)
    i += run
  }
  return out.join(':')
}

function ipv6Body(parts: readonly number[], bits: number): string {
  const groups = parts.map((value, i) => group(value, Math.max(0, Math.min(16, bits - 16 * i))))
  const tail = bits > 96 ? ipv4Body([parts[6]! >> 8, parts[6]! & 0xff, parts[7]! >> 8, parts[7]! & 0xff], bits - 96) : ipv4Body([0, 0, 0, 0], 0)
  const forms: string[] = []
  const allH = (gs: readonly Group[]) => gs.every((g) => g.regex === H)
  for (const [count, end] of [
    [8, ''],
    [6, tail],
  ] as const) {
    const body = groups.slice(0, count)
    const withEnd = (text: string) => (end ? (text.endsWith(':') || text === '' ? text : `${text}:`) + end : text)
    forms.push(withEnd(joinGroups(body)))
    // `::` at `start` stands for the zero groups start … start+length-1.
    for (let start = 0; start < count; start++) {
      const left = joinGroups(body.slice(0, start))
      const rights: Group[][] = []
      for (let length = 1; start + length <= count && body[start + length - 1]!.zero; length++) rights.push(body.slice(start + length))
      if (!end && rights.length > 1 && rights.every(allH)) {
        const most = rights[0]!.length
        const least = rights[rights.length - 1]!.length
        forms.push(`${left}::${least === 0 ? `(?:${H}(?::${H}){0,${most - 1}})?` : `${H}(?::${H}){${least - 1},${most - 1}}`}`)
        continue
      }
      for (const right of rights) {
        if (end && start === 0 && right.length === 0) continue // `::a.b.c.d`: ipaddr.js reads it as IPv4-mapped
        forms.push(withEnd(`${left}::${joinGroups(right)}`))
      }
    }
  }
  // `::a.b.c.d` is ipaddr.js's spelling of the IPv4-mapped ::ffff:a.b.c.d.
  const mapped = [0, 0, 0, 0, 0, 0xffff].every((value, i) => (parts[i]! ^ value) >> (16 - Math.max(0, Math.min(16, bits - 16 * i))) === 0)
  if (mapped) forms.push(`::${tail}`)
  return `(?:${forms.join('|')})(?:%[0-9a-zA-Z]+)?`
}
