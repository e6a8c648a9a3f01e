import ipaddr from 'ipaddr.js'
import { RE2JS } from 're2js'
import { describe, expect, it } from 'vitest'
import { ANY_CHARS, ONE_CHAR } from '../../sigma/sigma-string'
import { caseVariants, hasNonAsciiCase } from './case-fold'
import { ipv4CidrBody, ipv4CidrRegex } from './cidr-regex'
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

  it('should give no regex for IPv6 networks or nonsense', () => {
    expect(ipv4CidrRegex('fe80::/10')).toBeUndefined()
    expect(ipv4CidrRegex('nope')).toBeUndefined()
    expect(ipv4CidrBody('10.0.0.0/8')).toBe(ipv4CidrRegex('10.0.0.0/8')!.slice(1, -1))
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
})

describe('writePattern', () => {
  it('should escape literal text and spell the wildcards', () => {
    const like = { literal: backslashEscape('\\%_'), many: '%', one: '_' }
    expect(writePattern([ANY_CHARS, 'a%b_c\\', ONE_CHAR, 'd', ANY_CHARS], like)).toBe('%a\\%b\\_c\\\\_d%')
    expect(placeholderIn(['x', { kind: 'Placeholder', name: 'Admins' }])).toBe('Admins')
    expect(() => writePattern([{ kind: 'Placeholder', name: 'p' }], like)).toThrow()
  })
})
