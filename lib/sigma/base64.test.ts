import { describe, expect, it } from 'vitest'
import { base64Offsets, utf8Bytes } from './base64'
import { utf16Bytes } from './utf16'

describe('base64Offsets', () => {
  it('should give the three renderings pySigma gives', () => {
    // pySigma: SigmaBase64OffsetModifier on "/bin/bash"
    expect(base64Offsets('/bin/bash')).toEqual(['L2Jpbi9iYXNo', '9iaW4vYmFza', 'vYmluL2Jhc2'])
  })

  it('should find the value in a blob at every offset', () => {
    const [a, b, c] = base64Offsets('secret')
    for (const prefix of ['', 'x', 'xy', 'xyz', 'wxyz', 'vwxyz']) {
      const blob = btoa(prefix + 'secret' + 'tail')
      expect([a, b, c].some((variant) => blob.includes(variant!))).toBe(true)
    }
  })

  it('should encode text as UTF-8 first', () => {
    expect(utf8Bytes('é')).toBe('\xc3\xa9')
  })
})

describe('utf16Bytes', () => {
  it('should encode little endian, big endian and with a byte order mark', () => {
    expect(utf16Bytes('ab', 'utf16le')).toBe('a\0b\0')
    expect(utf16Bytes('ab', 'utf16be')).toBe('\0a\0b')
    expect(utf16Bytes('ab', 'utf16')).toBe('\xff\xfea\0b\0')
  })
})
