import { describe, expect, it } from 'vitest'
import { decodeState, encodeState } from './share-state'

describe('converter share state', () => {
  it('should round-trip a rule with non-ASCII text, pipelines and formats', () => {
    const state = { text: "title: Ünïcode — rule\ndetection:\n  sel:\n    Image|endswith: '\\\\cmd.exe'\n", pipelines: { splunk: 'sysmon' }, formats: { eql: 'watcher' } }
    const hash = encodeState(state)
    expect(hash).toMatch(/^#rule=[A-Za-z0-9_-]+&p=splunk%3Asysmon&f=eql%3Awatcher$/)
    expect(decodeState(hash)).toEqual(state)
  })

  it('should answer null for a fragment without a rule or with one that does not decode', () => {
    expect(decodeState('#splunk')).toBeNull()
    expect(decodeState('#rule=%%%')).toBeNull()
  })
})
