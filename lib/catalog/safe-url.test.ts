import { describe, expect, it } from 'vitest'
import { safeHref, splitReferences } from './safe-url'

describe('safeHref', () => {
  it('should keep http, https and mailto URLs', () => {
    expect(safeHref('https://example.com/a?b=<c>')).toBe('https://example.com/a?b=<c>')
    expect(safeHref('HTTP://example.com/')).toBe('HTTP://example.com/')
    expect(safeHref('mailto:soc@example.com')).toBe('mailto:soc@example.com')
  })

  it('should refuse script, data and other schemes however a browser would read them', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      '\u0001javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'https://',
      '',
    ])
      expect(safeHref(url), JSON.stringify(url)).toBeNull()
  })

  it('should allow relative links only when asked, and never //host', () => {
    expect(safeHref('/rules/x/')).toBeNull()
    expect(safeHref('/rules/x/', { relative: true })).toBe('/rules/x/')
    expect(safeHref('#triage', { relative: true })).toBe('#triage')
    expect(safeHref('//evil.example/', { relative: true })).toBeNull()
    expect(safeHref('/\\evil.example/', { relative: true })).toBeNull()
    expect(safeHref('\\\\evil.example/', { relative: true })).toBeNull()
  })
})

describe('splitReferences', () => {
  it('should keep only absolute http(s)/mailto URLs as links and every other reference as text, in order', () => {
    expect(splitReferences(['https://a.example/', 'javascript:alert(1)', 'Internal research', 'data:,x', 'http://b.example/'])).toEqual({
      references: ['https://a.example/', 'http://b.example/'],
      textReferences: ['javascript:alert(1)', 'Internal research', 'data:,x'],
    })
  })
})
