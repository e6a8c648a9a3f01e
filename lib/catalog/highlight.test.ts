import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { highlight } from './highlight'

describe('highlight', () => {
  it('should keep the exact text, escaped, and colour tokens with classes that the site styles', async () => {
    const query = 'index=main Image="*\\\\cmd.exe" <x> & y | table CommandLine'
    const html = await highlight(query, 'spl')
    expect(html).toMatch(/^<pre class="shiki" tabindex="0" data-language="spl"><code>/)
    expect(html).not.toContain('style=')
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
    expect(text).toBe(query)
    const classes = [...html.matchAll(/class="([^"]+)"/g)].map((m) => m[1]!).filter((c) => c !== 'shiki')
    expect(classes.length).toBeGreaterThan(0)
    const css = readFileSync(new URL('../../app/globals.css', import.meta.url), 'utf8')
    for (const name of new Set(classes)) expect(css).toContain(`.${name} {`)
  })

  it('should leave a language without a grammar as escaped plain text', async () => {
    expect(await highlight('a:"<b>"', 'lucene')).toBe('<pre class="shiki" tabindex="0" data-language="lucene"><code>a:"&lt;b&gt;"</code></pre>')
  })

  it('should colour a long line (under the line limit) to its end, with no wall-clock limit that a busy machine could hit', async () => {
    const query = `SELECT * FROM "logs" WHERE ${Array.from({ length: 150 }, (_, i) => `"CommandLine" LIKE '%x${i}%'`).join(' OR ')}`
    expect(query.length).toBeLessThan(5000)
    const html = await highlight(query, 'sql')
    expect(html.endsWith(`<span class="hl-string-expression">'%x149%'</span></code></pre>`)).toBe(true)
  })
})
