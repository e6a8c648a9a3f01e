import { describe, expect, it } from 'vitest'
import { joinSearchData, searchDoc, splitSearchData, type SearchData, type SearchDoc } from './documents'
import { SearchEngine } from './engine'
import { EMPTY_STATE, parseState, searchHref, serializeState, toggleFilter } from './url-state'

const doc = (over: Partial<SearchDoc> & Pick<SearchDoc, 'slug' | 'title'>): SearchDoc => ({
  id: `00000000-0000-4000-8000-${over.slug.length.toString().padStart(12, '0')}`,
  description: '',
  severity: 'medium',
  status: 'experimental',
  kind: 'sigma',
  tactics: [],
  techniques: [],
  targets: ['splunk'],
  updated: '2026-01-01',
  ...over,
})

const data: SearchData = {
  version: 1,
  tactics: { execution: 'Execution', 'lateral-movement': 'Lateral Movement' },
  techniques: { 'T1021.003': 'Distributed Component Object Model', T1059: 'Command and Scripting Interpreter' },
  targets: { splunk: 'Splunk SPL', eql: 'EQL' },
  docs: [
    doc({ slug: 'processes-created-by-mmc', title: 'Processes Created by MMC', tactics: ['lateral-movement'], techniques: ['T1021.003'], product: 'windows' }),
    doc({
      slug: 'incoming-dcom',
      title: 'Incoming DCOM Lateral Movement with MMC',
      id: 'c4c13f03-7a21-44e8-bb0a-7a551d0161af',
      severity: 'high',
      tactics: ['lateral-movement'],
      techniques: ['T1021.003'],
      updated: '2025-01-01',
    }),
    doc({ slug: 'encoded-powershell', title: 'Encoded PowerShell', description: 'A script interpreter runs base64 text', tactics: ['execution'], techniques: ['T1059'], kind: 'native', targets: [] }),
  ],
}
const engine = new SearchEngine(data)
const titles = (q: string, state = EMPTY_STATE) => engine.search({ ...state, q }).results.map((r) => r.doc.slug)

describe('SearchEngine', () => {
  it('should find rules by a word prefix as it is typed', () => {
    expect(titles('mm')).toEqual(expect.arrayContaining(['processes-created-by-mmc', 'incoming-dcom']))
    expect(titles('mmc')).toHaveLength(2)
  })

  it('should rank the exact technique id first, most severe first among exact matches', () => {
    expect(titles('T1021.003')).toEqual(['incoming-dcom', 'processes-created-by-mmc'])
    expect(engine.search({ ...EMPTY_STATE, q: 't1021.003' }).results.every((r) => r.exact)).toBe(true)
  })

  it('should rank an exact title, id or tactic name before other matches', () => {
    expect(titles('Processes Created by MMC')[0]).toBe('processes-created-by-mmc')
    expect(titles('c4c13f03-7a21-44e8-bb0a-7a551d0161af')).toEqual(['incoming-dcom'])
    expect(titles('lateral movement').slice(0, 2).sort()).toEqual(['incoming-dcom', 'processes-created-by-mmc'])
  })

  it('should find a word with one typo', () => {
    expect(titles('lateral movment').sort()).toEqual(['incoming-dcom', 'processes-created-by-mmc'])
    expect(titles('powershel')).toEqual(['encoded-powershell'])
  })

  it('should split the data into core columns and text, and join them back as they were', () => {
    const split = splitSearchData(data)
    expect(split.core.count).toBe(data.docs.length)
    expect(split.text.updated).toEqual(data.docs.map((d) => d.updated))
    expect(joinSearchData(split.core, split.text)).toEqual(data)
  })

  it('should pack slugs by their shared prefixes and ATT&CK values as positions, and unpack them exactly', () => {
    const slugs = ['a', 'proc-creation-win-mmc', 'proc-creation-win-mmc-child', 'proc-creation-lnx-x', 'proc', 'ü-unicode', '']
    const packed = splitSearchData({
      ...data,
      docs: slugs.map((slug, i) => doc({ slug, title: `T${i}`, tactics: ['execution', 'unknown-tactic'], techniques: ['T1059', 'T9999'] })),
    })
    const shares = (n: number) => String.fromCharCode(48 + n)
    expect(packed.core.columns.slug).toEqual(['0a', '0proc-creation-win-mmc', `${shares(21)}-child`, `${shares(14)}lnx-x`, shares(4), '0ü-unicode', '0'])
    expect(packed.core.columns.tactics[0]).toEqual([0, 'unknown-tactic'])
    expect(packed.core.columns.techniques[0]).toEqual([1, 'T9999'])
    const docs = joinSearchData(packed.core, packed.text).docs
    expect(docs.map((d) => d.slug)).toEqual(slugs)
    expect(docs[0]).toMatchObject({ tactics: ['execution', 'unknown-tactic'], techniques: ['T1059', 'T9999'] })
  })

  it('should search descriptions once the text file is added', () => {
    const split = splitSearchData(data)
    const late = new SearchEngine(joinSearchData(split.core))
    expect(late.search({ ...EMPTY_STATE, q: 'base64' }).results).toEqual([])
    late.addText(joinSearchData(split.core, split.text))
    expect(late.search({ ...EMPTY_STATE, q: 'base64' }).results.map((r) => r.doc.slug)).toEqual(['encoded-powershell'])
  })

  it('should narrow by facets and count each value over the other facets', () => {
    const state = toggleFilter(EMPTY_STATE, 'tactic', 'lateral-movement')
    const answer = engine.search(state)
    expect(answer.results.map((r) => r.doc.slug).sort()).toEqual(['incoming-dcom', 'processes-created-by-mmc'])
    expect(answer.facets.tactic.map((f) => [f.value, f.count, f.selected])).toEqual([
      ['execution', 1, false],
      ['lateral-movement', 2, true],
    ])
    expect(answer.facets.severity.find((f) => f.value === 'high')?.count).toBe(1)
    expect(answer.facets.kind.map((f) => f.value)).toEqual(['sigma'])
  })

  it('should sort by severity and by newest', () => {
    expect(titles('', { ...EMPTY_STATE, sort: 'severity' })[0]).toBe('incoming-dcom')
    expect(titles('', { ...EMPTY_STATE, sort: 'newest' }).at(-1)).toBe('incoming-dcom')
  })
})

describe('building-block and deprecated rules', () => {
  const flagged = new SearchEngine({
    ...data,
    docs: [
      ...data.docs,
      doc({ slug: 'dcom-building-block', title: 'DCOM Child Process', tactics: ['lateral-movement'], flags: ['building-block'] }),
      doc({ slug: 'old-mmc', title: 'Old MMC Rule', status: 'deprecated', tactics: ['lateral-movement'], flags: ['deprecated'] }),
      doc({ slug: 'old-block', title: 'Old Block', tactics: ['execution'], flags: ['building-block', 'deprecated'] }),
    ],
  })
  const slugs = (search: string) => flagged.search(parseState(search)).results.map((r) => r.doc.slug).sort()

  it('should hide them unless the show facet asks for them, and say how many are hidden', () => {
    const answer = flagged.search(parseState('?tactic=lateral-movement'))
    expect(answer.results.map((r) => r.doc.slug).sort()).toEqual(['incoming-dcom', 'processes-created-by-mmc'])
    expect(answer.hidden).toBe(2)
    expect(slugs('?tactic=lateral-movement&show=building-block')).toEqual(['dcom-building-block', 'incoming-dcom', 'processes-created-by-mmc'])
    expect(slugs('?q=mmc&show=deprecated')).toEqual(['incoming-dcom', 'old-mmc', 'processes-created-by-mmc'])
    expect(flagged.search(parseState('?q=mmc')).hidden).toBe(1)
  })

  it('should show a rule with both marks only when both are asked for', () => {
    expect(slugs('?tactic=execution')).toEqual(['encoded-powershell'])
    expect(slugs('?tactic=execution&show=building-block')).toEqual(['encoded-powershell'])
    expect(slugs('?tactic=execution&show=building-block&show=deprecated')).toEqual(['encoded-powershell', 'old-block'])
  })

  it('should count the hidden rules each choice would show, over the other facets', () => {
    const counts = (search: string) => flagged.search(parseState(search)).facets.show.map((f) => [f.value, f.count, f.selected])
    expect(counts('?sort=severity')).toEqual([
      ['building-block', 2, false],
      ['deprecated', 2, false],
    ])
    expect(counts('?tactic=lateral-movement&show=deprecated')).toEqual([
      ['building-block', 1, false],
      ['deprecated', 1, true],
    ])
  })

  it('should keep the choice in the URL like the other facets', () => {
    const state = toggleFilter(toggleFilter(EMPTY_STATE, 'show', 'building-block'), 'tactic', 'execution')
    expect(serializeState(state)).toBe('?tactic=execution&show=building-block')
    expect(parseState('?show=building-block,deprecated').filters).toEqual({ show: ['building-block', 'deprecated'] })
  })

  it('should mark the rules the manifest flags, and Sigma rules with status deprecated', () => {
    const summary = { slug: 's', id: 'i', title: 't', description: '', severity: 'low', kind: 'native', tactics: [], techniques: [], logsource: null, logsourceSlug: null, targets: [] } as const
    expect(searchDoc({ ...summary, buildingBlock: true }).flags).toEqual(['building-block'])
    expect(searchDoc({ ...summary, status: 'deprecated' }).flags).toEqual(['deprecated'])
    expect(searchDoc({ ...summary, status: 'production' })).not.toHaveProperty('flags')
  })
})

describe('links from pages with long rule lists', () => {
  it('should narrow by a log source exactly as its /data/ page groups rules (a product alone is not every rule of the product)', () => {
    const sources = new SearchEngine({
      ...data,
      docs: [
        doc({ slug: 'any-linux', title: 'A', product: 'linux' }),
        doc({ slug: 'linux-proc', title: 'B', product: 'linux', category: 'process_creation' }),
        doc({ slug: 'win-proc', title: 'C', product: 'windows', category: 'process_creation' }),
      ],
    })
    const slugs = (search: string) => sources.search(parseState(search)).results.map((r) => r.doc.slug).sort()
    expect(slugs('?logsource=linux')).toEqual(['any-linux'])
    expect(slugs('?logsource=linux/process_creation')).toEqual(['linux-proc'])
    expect(slugs('?product=linux')).toEqual(['any-linux', 'linux-proc'])
    expect(sources.search(parseState('?logsource=linux')).facets.logsource.find((f) => f.selected)).toMatchObject({ value: 'linux', count: 1 })
  })

  it('should link to the search narrowed by filters, most severe first', () => {
    expect(searchHref({ technique: ['T1059', 'T1059.001'] })).toBe('/?technique=T1059&technique=T1059.001&sort=severity')
    expect(parseState(searchHref({ logsource: ['windows/process_creation'] }).slice(1)).filters).toEqual({ logsource: ['windows/process_creation'] })
  })
})

describe('search URL state', () => {
  it('should read and write the state as a query string', () => {
    const state = parseState('?q=mmc&tactic=lateral-movement&severity=high&severity=medium&sort=newest')
    expect(state).toEqual({ q: 'mmc', filters: { tactic: ['lateral-movement'], severity: ['high', 'medium'] }, sort: 'newest' })
    expect(serializeState(state)).toBe('?q=mmc&tactic=lateral-movement&severity=high&severity=medium&sort=newest')
    expect(serializeState(EMPTY_STATE)).toBe('')
  })

  it('should ignore unknown keys and sorts', () => {
    expect(parseState('?foo=1&sort=random')).toEqual(EMPTY_STATE)
  })
})
