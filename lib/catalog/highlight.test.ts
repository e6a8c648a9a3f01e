import { describe, expect, it } from 'vitest'
import { highlight, highlightCss } from './highlight'

describe('highlight', () => {
  it('should keep the exact text, escaped, and colour tokens with classes that highlightCss defines', async () => {
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
    const classes = [...html.matchAll(/class="(k[^"]+)"/g)].map((m) => m[1])
    expect(classes.length).toBeGreaterThan(0)
    const css = highlightCss([html])
    for (const name of classes) expect(css).toContain(`.${name}{color:#`)
    expect(css).toContain('@media (prefers-color-scheme:dark)')
  })

  it('should leave a language without a grammar as escaped plain text', async () => {
    expect(await highlight('a:"<b>"', 'lucene')).toBe('<pre class="shiki" tabindex="0" data-language="lucene"><code>a:"&lt;b&gt;"</code></pre>')
  })
})
