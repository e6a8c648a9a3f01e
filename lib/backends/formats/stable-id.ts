/**
 * A UUID-shaped identifier derived from text (two FNV-1a-64 hashes), for rules
 * without an `id` where a SIEM requires one: the same rule always gets the same id.
 */
export function stableUuid(text: string): string {
  const hex = fnv64(text, 0xcbf29ce484222325n) + fnv64(text, 0x84222325cbf29ce4n)
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function fnv64(text: string, seed: bigint): string {
  let hash = seed
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte)
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, '0')
}
