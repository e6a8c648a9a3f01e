import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRule } from './build-rule'
import { targetSummaries } from './build-manifest'
import { highlightJsonLines } from './highlight-json'
import { highlight, highlightWithGrammar } from './highlight'
import { repoRoot } from './paths'

describe('the JSON fast path of the highlighter', () => {
  it('should give exactly what the shiki grammar gives for every JSON output format of the content rules', async () => {
    const dir = path.join(repoRoot, 'content', 'rules')
    const targets = targetSummaries()
    let compared = 0
    for (const name of readdirSync(dir).slice(0, 6)) {
      const built = await buildRule(name, name.replace(/\.mdx$/, ''), readFileSync(path.join(dir, name), 'utf8'), targets)
      for (const c of built.detail?.conversions ?? []) {
        if (!c.ok || !/watcher|ndjson|sentinel/.test(c.format)) continue
        // The fast path is linear, so it colors lines of any length: compared with the grammar without its line limit.
        expect(await highlight(c.query!, 'json')).toBe(await highlightWithGrammar(c.query!, 'json', 0))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(20)
  }, 120_000)

  it('should leave text that is not plain JSON to the grammar', () => {
    expect(highlightJsonLines('{"a": 1} // comment')).toBeNull()
    expect(highlightJsonLines("{'a': 1}")).toBeNull()
    expect(highlightJsonLines('{"a": "<b>&"}')?.[0]).toBe(
      '{<span class="hl-keyword">"a"</span><span class="hl-punctuation">:</span> <span class="hl-string-expression">"&lt;b&gt;&amp;"</span>}',
    )
  })
})
