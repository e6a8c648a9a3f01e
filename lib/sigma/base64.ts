/**
 * The `base64` and `base64offset` modifiers. Values are "byte strings": one
 * byte (0–255) per UTF-16 code unit (see `utf16.ts`); text is UTF-8 first.
 */

/** Text as UTF-8 bytes, in a byte string. */
export function utf8Bytes(text: string): string {
  let out = ''
  for (const byte of new TextEncoder().encode(text)) out += String.fromCharCode(byte)
  return out
}

export function base64(bytes: string): string {
  return btoa(bytes)
}

const OFFSET_START = [0, 2, 3] as const
const OFFSET_END = [undefined, -3, -2] as const

/**
 * The three base64 renderings of `bytes` at offsets 0, 1 and 2 of a larger
 * blob, with the characters that depend on the neighbouring bytes cut off.
 */
export function base64Offsets(bytes: string): string[] {
  return [0, 1, 2].map((i) => {
    const encoded = btoa(' '.repeat(i) + bytes)
    return encoded.slice(OFFSET_START[i as 0 | 1 | 2], OFFSET_END[((bytes.length + i) % 3) as 0 | 1 | 2])
  })
}
