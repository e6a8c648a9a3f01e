import type { SearchData } from '../../lib/search/documents'

/**
 * 100 queries as analysts type them, drawn deterministically from a catalog:
 * title words, technique ids, tactic names, log sources and one-typo words.
 */
export function benchQueries(data: SearchData, count = 100): string[] {
  const docs = data.docs
  const pick = <T>(list: readonly T[], i: number): T => list[(i * 7919) % list.length]!
  const words = docs.flatMap((d) => d.title.split(/[^A-Za-z0-9]+/).filter((w) => w.length >= 5))
  const techniques = [...new Set(docs.flatMap((d) => d.techniques))]
  const tactics = Object.values(data.tactics)
  const sources = [...new Set(docs.flatMap((d) => [d.product, d.category].filter((x): x is string => Boolean(x))))]
  const out: string[] = []
  for (let i = 0; out.length < count; i++) {
    const kind = i % 5
    if (kind === 0 || kind === 1) {
      const title = pick(docs, i).title.split(/\s+/)
      out.push(title.slice(0, 2 + (i % 2)).join(' ').toLowerCase())
    } else if (kind === 2 && techniques.length) out.push(pick(techniques, i))
    else if (kind === 3 && tactics.length) out.push(i % 2 ? pick(tactics, i).toLowerCase() : pick(sources.length ? sources : tactics, i))
    else {
      const word = pick(words, i).toLowerCase()
      const at = 1 + (i % (word.length - 2))
      out.push(word.slice(0, at) + word.slice(at + 1))
    }
  }
  return out
}
