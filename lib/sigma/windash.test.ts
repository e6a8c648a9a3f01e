import { describe, expect, it } from 'vitest'
import { ANY_CHARS } from './sigma-string'
import { WINDASH_CHARACTERS, windashVariants } from './windash'

describe('windashVariants', () => {
  it('should give the five dashes for one word-initial dash', () => {
    expect(windashVariants([' -ma ']).map((v) => v.join(''))).toEqual([' -ma ', ' /ma ', ' \u2013ma ', ' \u2014ma ', ' \u2015ma '])
    expect(WINDASH_CHARACTERS).toHaveLength(5)
  })

  it('should give every permutation: 25 values for two flags', () => {
    const variants = windashVariants(['-a -b'])
    expect(variants).toHaveLength(25)
    expect(new Set(variants.map((v) => v.join(''))).size).toBe(25)
  })

  it('should leave dashes inside words, and before non-word characters, alone', () => {
    expect(windashVariants(['a-b /-'])).toEqual([['a-b /-']])
  })

  it('should see a wildcard as a word boundary', () => {
    expect(windashVariants([ANY_CHARS, '/c'])).toHaveLength(5)
  })
})
