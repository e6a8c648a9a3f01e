import { describe, expect, it } from 'vitest'
import data from './data/enterprise-attack.json'
import { firstSentence, shortDescription } from './description'

describe('shortDescription', () => {
  it('should keep the first sentence of the first paragraph, without citations, links, code tags or bold', () => {
    const text =
      'Adversaries may run **payloads** through <code>mmc.exe</code> and [MMC](https://attack.mitre.org/software/S0000) snap-ins (e.g., .msc files).(Citation: Some Blog 2020) Later sentence.\n\nSecond paragraph.'
    expect(shortDescription(text)).toBe('Adversaries may run payloads through `mmc.exe` and MMC snap-ins (e.g., .msc files).')
  })

  it('should not end a sentence at an abbreviation or a file extension', () => {
    expect(firstSentence('Tools such as cmd.exe, i.e. the shell, etc. Run. Next')).toBe('Tools such as cmd.exe, i.e. the shell, etc. Run.')
    expect(firstSentence('A sentence with "a quote." Then more.')).toBe('A sentence with "a quote."')
  })

  it('should be stable on every description of the bundled table', () => {
    const changed = [...data.tactics, ...data.techniques].filter((t) => shortDescription(t.description) !== t.description)
    expect(changed.map((t) => t.id)).toEqual([])
  })

  it('should give an empty string for a missing description', () => {
    expect(shortDescription(undefined)).toBe('')
  })
})
