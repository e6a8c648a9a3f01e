import { describe, expect, it } from 'vitest'
import { navigatorLayer } from './navigator-layer'
import { validateNavigatorLayer } from './navigator-schema'

describe('navigatorLayer', () => {
  const layer = navigatorLayer(
    new Map([
      ['T1021.003', 2],
      ['T1021', 1],
      ['T1053', 3],
      ['T1685', 4],
      ['T1086', 1],
      ['T1059', 0],
    ]),
    {
      'T1021.003': [
        { label: 'Incoming DCOM lateral movement with MMC', url: 'https://atlas.example/rules/incoming-dcom-lateral-movement-with-mmc/' },
        { label: 'Processes created by MMC', url: 'https://atlas.example/rules/processes-created-by-mmc/' },
      ],
    },
    { name: 'Test layer' },
  )

  it('should produce a valid ATT&CK Navigator 4.5 layer', () => {
    expect(validateNavigatorLayer(layer)).toEqual([])
    expect(layer).toMatchObject({
      name: 'Test layer',
      versions: { attack: '18', navigator: '5.2.0', layer: '4.5' },
      domain: 'enterprise-attack',
      gradient: { minValue: 0, maxValue: 4 },
    })
    expect(layer.legendItems).toHaveLength(2)
  })

  it('should score each technique by its rule count once per tactic, with its links', () => {
    expect(layer.techniques?.find((t) => t.techniqueID === 'T1021.003')).toEqual({
      techniqueID: 'T1021.003',
      tactic: 'lateral-movement',
      score: 2,
      comment: '2 rules',
      enabled: true,
      links: [
        { label: 'Incoming DCOM lateral movement with MMC', url: 'https://atlas.example/rules/incoming-dcom-lateral-movement-with-mmc/' },
        { label: 'Processes created by MMC', url: 'https://atlas.example/rules/processes-created-by-mmc/' },
      ],
    })
    expect(layer.techniques?.find((t) => t.techniqueID === 'T1021')).toMatchObject({ showSubtechniques: true, comment: '1 rule' })
    expect(layer.techniques?.filter((t) => t.techniqueID === 'T1053').map((t) => t.tactic)).toEqual([
      'execution',
      'persistence',
      'privilege-escalation',
    ])
    expect(layer.techniques?.some((t) => t.techniqueID === 'T1059')).toBe(false)
  })

  it('should list unknown and revoked techniques in the layer metadata instead of dropping them', () => {
    expect(layer.techniques?.some((t) => t.techniqueID === 'T1685' || t.techniqueID === 'T1086')).toBe(false)
    expect(layer.metadata).toEqual([
      { name: 'Not placed in ATT&CK 18.1', value: 'T1086 (revoked, now T1059.001): 1 rule; T1685 (unknown): 4 rules' },
    ])
  })

  it('should keep a valid gradient when no technique has a rule', () => {
    const empty = navigatorLayer({})
    expect(validateNavigatorLayer(empty)).toEqual([])
    expect(empty.gradient).toMatchObject({ minValue: 0, maxValue: 1 })
  })
})

describe('validateNavigatorLayer', () => {
  it('should name every field that breaks the 4.5 format', () => {
    expect(
      validateNavigatorLayer({
        name: '',
        versions: { navigator: '4.8.0', layer: '4.4' },
        domain: 'enterprise',
        techniques: [{ techniqueID: 'T21', links: [{ label: 'x', url: 'atlas.example' }] }],
        gradient: { colors: ['#fff'], minValue: 5, maxValue: 5 },
      }),
    ).toEqual([
      'name: Too small: expected string to have >=1 characters',
      'versions.navigator: must be at least 4.9.0',
      'versions.layer: Invalid input: expected "4.5"',
      'domain: Invalid option: expected one of "enterprise-attack"|"mobile-attack"|"ics-attack"',
      'techniques.0.techniqueID: must look like T1234 or T1234.567',
      'techniques.0.links.0.url: must start with a protocol, e.g. https://',
      'gradient.colors: Too small: expected array to have >=2 items',
      'gradient.maxValue: maxValue must be greater than minValue',
    ])
  })

  it('should reject something that is not a layer at all', () => {
    expect(validateNavigatorLayer(null)).toEqual(['(layer): Invalid input: expected object, received null'])
  })
})
