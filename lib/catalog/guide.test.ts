import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkGuide, compileGuide } from './guide'
import { repoRoot } from './paths'

/** The body of an MDX file with its frontmatter blanked, so lines match the file (as the prebuild does). */
function body(file: string): string {
  return readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---/, (m) => m.replace(/[^\n]/g, ''))
}

describe('checkGuide on hostile MDX', () => {
  const file = path.join(repoRoot, 'e2e/hostile/refused/hostile-jsx.mdx')
  const found = checkGuide('hostile-jsx.mdx', body(file)).diagnostics.map((d) => `${d.location.start.line}:${d.location.start.column} ${d.code}`)

  it('should refuse every element, handler and URL that could run code, each at its line and column', () => {
    expect(found).toEqual([
      '6:1 mdx-unsafe-element', // <script>
      '8:1 mdx-unsafe-element', // <iframe>
      '10:1 mdx-unsafe-element', // <object>
      '12:1 mdx-unsafe-element', // <embed>
      '14:1 mdx-event-handler', // <Callout onClick>
      '16:1 mdx-event-handler', // <Kbd onMouseOver>
      '18:1 mdx-unknown-component', // <a href="javascript:…">
      '18:1 mdx-unsafe-url',
      '20:1 mdx-unknown-component', // <img onError>
      '20:1 mdx-event-handler',
      '24:1 mdx-unsafe-url', // [markdown javascript link](javascript:…)
      '24:53 mdx-unsafe-url', // [data link](data:…)
      '26:1 mdx-unsafe-url', // ![image](javascript:…)
      '30:1 mdx-unsafe-url', // [evil]: JaVaScRiPt:…
    ])
  })

  it('should refuse raw HTML with unquoted handlers as an MDX syntax error at its place', () => {
    const raw = checkGuide('raw.mdx', '## Triage\n\nText <img src=x onerror=alert(1)>\n')
    expect(raw.diagnostics.map((d) => `${d.location.start.line}:${d.location.start.column} ${d.code}`)).toEqual(['3:15 mdx-syntax'])
  })

  it('should keep safe links, plain titles and the allowed components', () => {
    const ok = checkGuide('ok.mdx', '## Triage\n\n[a](https://example.com/) [b](#triage) [c](mailto:soc@example.com)\n\n<Callout type="note" title="Note: fine">x</Callout>\n')
    expect(ok.diagnostics).toEqual([])
  })
})

describe('compileGuide', () => {
  it('should compile a javascript: link to its text only, even when the check was skipped', async () => {
    const code = await compileGuide('[click](javascript:alert(1)) and ![pic](data:image/png;base64,AA==)\n')
    expect(code).not.toMatch(/javascript:|data:image/)
    expect(code).toContain('click')
  })
})
