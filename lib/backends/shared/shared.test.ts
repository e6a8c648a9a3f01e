import ipaddr from 'ipaddr.js'
import { RE2JS } from 're2js'
import { describe, expect, it } from 'vitest'
import { ANY_CHARS, ONE_CHAR } from '../../sigma/sigma-string'
import { caseVariants, foldsWiderThanCase, hasNonAsciiCase } from './case-fold'
import { cidrBody, cidrRegex, ipv4CidrRegex } from './cidr-regex'
import { backslashEscape, placeholderIn, writePattern } from './pattern'

describe('ipv4CidrRegex', () => {
  it('should match exactly the addresses of the network, for every prefix length', () => {
    const samples = ['0.0.0.0', '10.0.0.1', '10.255.255.255', '11.0.0.0', '172.15.255.255', '172.16.0.0', '172.31.9.9', '172.32.0.0', '192.168.1.1', '255.255.255.255', '10.0.0.256', '1.2.3', '01.2.3.4']
    for (const cidr of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '192.168.1.0/25', '0.0.0.0/0', '8.8.8.8/32', '100.64.0.0/10']) {
      const regex = RE2JS.compile(ipv4CidrRegex(cidr)!)
      const network = ipaddr.parseCIDR(cidr)
      for (const sample of samples) {
        const inside = ipaddr.IPv4.isValidFourPartDecimal(sample) && ipaddr.parse(sample).match(network)
        expect(regex.matches(sample), `${sample} in ${cidr}`).toBe(inside)
      }
    }
  })

  it('should give no IPv4 regex for IPv6 networks, and nothing for nonsense', () => {
    expect(ipv4CidrRegex('fe80::/10')).toBeUndefined()
    expect(cidrRegex('nope')).toBeUndefined()
    expect(cidrBody('10.0.0.0/8')).toBe(ipv4CidrRegex('10.0.0.0/8')!.slice(1, -1))
  })
})

describe('cidrRegex for IPv6', () => {
  it('should match every spelling of the addresses of the network, as ipaddr.js reads them', () => {
    const spellings = (a: ipaddr.IPv6) => [a.toString(), a.toNormalizedString(), (a as ipaddr.IPv6 & { toFixedLengthString(): string }).toFixedLengthString().toUpperCase(), `${a.toString()}%eth0`]
    const others = ['::', '::1', '0:0:0:0:0:0:0.0.0.1', '::0.0.0.1', '::ffff:10.1.2.3', 'fe80::1%', 'fe80::1::2', '1:2:3:4:5:6:7:8:9', '12345::', 'x', '10.0.0.1']
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (const cidr of ['::1/128', 'fc00::/7', 'fe80::/10', '2603:1017::/48', '2620:1ec:8f8::/46', '::ffff:0:0/96', '::/0']) {
      const network = ipaddr.parseCIDR(cidr)
      const regex = RE2JS.compile(cidrRegex(cidr)!)
      const samples = [...others]
      for (let i = 0; i < 100; i++) {
        const bytes = network[0].toByteArray()
        for (let bit = 0; bit < 128; bit++) if ((bit >= network[1] || random() < 0.02) && random() < 0.5) bytes[bit >> 3]! ^= 0x80 >> (bit & 7)
        if (random() < 0.5) for (let b = 4; b < 16; b++) if (random() < 0.5) bytes[b] = 0
        samples.push(...spellings(ipaddr.fromByteArray(bytes) as ipaddr.IPv6))
      }
      for (const sample of samples) {
        const inside = ipaddr.isValid(sample) && ipaddr.parse(sample).kind() === 'ipv6' && ipaddr.parse(sample).match(network)
        expect(regex.matcher(sample).find(), `${sample} in ${cidr}`).toBe(inside)
      }
    }
  })
})

describe('caseVariants', () => {
  it("should list every character whose lowercase form is the same, as the evaluator's toLowerCase compares", () => {
    expect(caseVariants('a')).toEqual(['A', 'a'])
    expect(caseVariants('É')).toEqual(['É', 'é'])
    expect(caseVariants('k')).toEqual(['K', 'k', '\u212a'])
    expect(caseVariants('1')).toEqual(['1'])
    expect(hasNonAsciiCase('Überweisung')).toBe(true)
    expect(hasNonAsciiCase('cmd.exe 日本')).toBe(false)
  })

  it('should name the letters whose Unicode case fold reaches a character their lowercase does not (s and ſ, σ and ς)', () => {
    const wider = [...'sSſσςΣµμθϑ'].filter(foldsWiderThanCase)
    expect(wider).toEqual([...'sSſσςΣµμθϑ'])
    // K (Kelvin) and Ω (ohm) lowercase to k and ω, so the evaluator already equates them; ı folds to nothing else.
    expect([...'kK\u212aωΩ\u2126iıaé'].filter(foldsWiderThanCase)).toEqual([])
  })
})

describe('writePattern', () => {
  it('should escape literal text and spell the wildcards', () => {
    const like = { literal: backslashEscape('\\%_'), many: '%', one: '_' }
    expect(writePattern([ANY_CHARS, 'a%b_c\\', ONE_CHAR, 'd', ANY_CHARS], like)).toBe('%a\\%b\\_c\\\\_d%')
    expect(placeholderIn(['x', { kind: 'Placeholder', name: 'Admins' }])).toBe('Admins')
    expect(() => writePattern([{ kind: 'Placeholder', name: 'p' }], like)).toThrow()
  })
})
