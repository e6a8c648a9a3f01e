import ipaddr from 'ipaddr.js'
import type { CompileContext, NodeOf } from '../compiler/dialect'

type CidrLeaf = (node: NodeOf<'CidrMatchNode'>, ctx: CompileContext) => string

/**
 * Elasticsearch reads an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as IPv4, so it refuses a CIDR
 * network written in that notation ("CIDR notation is not allowed with IPv6-mapped IPv4 address"):
 * whether `/104` counts IPv4 or IPv6 bits would be ambiguous. The query string on an `ip` field, EQL
 * `cidrmatch` and ES|QL `CIDR_MATCH` all fail on one, so those targets name the gap instead.
 */
export function elasticCidr(render: CidrLeaf): CidrLeaf {
  return (node, ctx) => {
    if (isIpv4MappedNetwork(node.cidr))
      return ctx.unsupported(
        'ipv4-mapped-cidr',
        `Elasticsearch refuses the network ${node.cidr}: it reads an IPv4-mapped IPv6 address as IPv4, so the prefix length is ambiguous (write it as an IPv4 network)`,
        node,
      )
    return render(node, ctx)
  }
}

function isIpv4MappedNetwork(cidr: string): boolean {
  if (!cidr.includes(':')) return false
  try {
    const [address] = ipaddr.parseCIDR(cidr)
    return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
  } catch {
    return false
  }
}
