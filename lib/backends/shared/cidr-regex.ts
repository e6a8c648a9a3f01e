import ipaddr from 'ipaddr.js'

/**
 * An anchored regular expression matching exactly the dotted-quad IPv4
 * addresses of a CIDR network (`10.0.0.0/8` → `^10\.(?:…)\.(?:…)\.(?:…)$`),
 * for targets without IP functions. Octets are written without leading
 * zeros, as every log writer does. IPv6 networks return `undefined`: their
 * text has too many spellings (`::`, zero runs, embedded IPv4) for one regex
 * to be exact.
 */
export function ipv4CidrRegex(cidr: string): string | undefined {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number]
  try {
    parsed = ipaddr.parseCIDR(cidr)
  } catch {
    return undefined
  }
  const [address, bits] = parsed
  if (address.kind() !== 'ipv4') return undefined
  const octets = (address as ipaddr.IPv4).octets
  const parts = octets.map((octet, index) => {
    const fixed = Math.max(0, Math.min(8, bits - index * 8))
    if (fixed === 8) return String(octet)
    const size = 2 ** (8 - fixed)
    const low = octet - (octet % size)
    return fixed === 0 ? ANY_OCTET : `(?:${range(low, low + size - 1)})`
  })
  return `^${parts.join('\\.')}$`
}

/** The same regex without its anchors, to embed in a larger pattern. */
export function ipv4CidrBody(cidr: string): string | undefined {
  return ipv4CidrRegex(cidr)?.slice(1, -1)
}

const ANY_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'

function range(low: number, high: number): string {
  const values: number[] = []
  for (let v = low; v <= high; v++) values.push(v)
  return values.join('|')
}
