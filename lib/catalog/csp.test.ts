import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { applyCsp, hashSource } from './csp'

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
const META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\/>/

describe('applyCsp', () => {
  const page =
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>x</title>' +
    '<script>a&amp;b<\/script><script src="/_next/x.js" async=""></script>' +
    '<script type="application/json">{"not":"run"}</script></head>' +
    '<body><p>hi</p><script>self.__next_f.push([1,"\\u003cscript\\u003e"])</script></body></html>'

  it('should hash exactly the inline scripts that run, as raw text, and allow nothing else inline', () => {
    const { html, policy } = applyCsp(page)
    expect(policy).toBe(
      `default-src 'self'; script-src 'self' ${[sha('a&amp;b'), sha('self.__next_f.push([1,"\\u003cscript\\u003e"])')].sort().join(' ')}; ` +
        "style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
    )
    expect(META.exec(html)?.[1]).toBe(policy)
  })

  it('should put the policy first in <head>, after <meta charset>, and change nothing else', () => {
    const { html } = applyCsp(page)
    expect(html.indexOf('<meta http-equiv')).toBe(html.indexOf('<meta charSet="utf-8"/>') + '<meta charSet="utf-8"/>'.length)
    expect(html.replace(META, '')).toBe(page)
  })

  it('should give the same page once when run twice', () => {
    const once = applyCsp(page).html
    expect(applyCsp(once).html).toBe(once)
  })

  it('should allow a page’s inline styles and style attributes by hash only', () => {
    const { policy } = applyCsp('<html><head><style>b{}</style></head><body style="a:&quot;b&quot;"></body></html>')
    expect(policy).toContain(`style-src 'self' 'unsafe-hashes' ${[sha('b{}'), sha('a:"b"')].sort().join(' ')};`)
    expect(policy).not.toContain('unsafe-inline')
  })

  it('should insert the policy into a page without <head> before anything that runs', () => {
    const { html } = applyCsp('<!doctype html><html><title>r</title><script>go()</script></html>')
    expect(html).toMatch(/^<!doctype html><html><meta http-equiv="Content-Security-Policy" content="[^"]*'sha256-[^"]*"\/><title>/)
  })

  it('should hash CRLF line ends as the browser sees them, LF', () => {
    expect(hashSource('a\r\nb\rc')).toBe(sha('a\nb\nc'))
  })
})
