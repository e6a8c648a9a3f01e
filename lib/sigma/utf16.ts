/** The `utf16le`/`wide`, `utf16be` and `utf16` modifiers, producing byte strings (one byte per code unit). */
export type Utf16Variant = 'utf16le' | 'utf16be' | 'utf16'

/** Text as UTF-16 bytes: little endian, big endian, or little endian after a `FF FE` byte order mark. */
export function utf16Bytes(text: string, variant: Utf16Variant): string {
  let out = variant === 'utf16' ? '\xff\xfe' : ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const low = String.fromCharCode(code & 0xff)
    const high = String.fromCharCode(code >> 8)
    out += variant === 'utf16be' ? high + low : low + high
  }
  return out
}
