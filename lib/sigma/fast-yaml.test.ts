import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { SIGMA_RULES } from './corpus-paths'
import { parseFastYaml, resolvePlain } from './fast-yaml'
import { parseSigma } from './load'

/** Every node as [kind, start, end, value, type]: what the loader reads from YAML nodes. */
function shape(node: unknown): unknown {
  if (isMap(node)) return ['map', node.range?.[0], node.items.map((p) => [shape(p.key), shape(p.value)])]
  if (isSeq(node)) return ['seq', node.range?.[0], node.items.map(shape)]
  if (isScalar(node)) return ['scalar', node.range?.[0], node.range?.[1], node.value, node.type, node.type === 'PLAIN' ? node.source : undefined]
  return node ?? null
}

function reference(text: string) {
  return parseAllDocuments(text).map((d) => ({ contents: shape(d.contents), errors: d.errors.length }))
}

const files = readdirSync(SIGMA_RULES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yml'))
  .sort()

describe('parseFastYaml', () => {
  it('should build the same nodes, values and positions as the yaml package on every corpus file it reads', () => {
    let read = 0
    for (const file of files) {
      const text = readFileSync(path.join(SIGMA_RULES, file), 'utf8')
      const fast = parseFastYaml(text)
      if (!fast) continue
      read++
      expect({ file, docs: fast.map((d) => ({ contents: shape(d.contents), errors: 0 })) }).toEqual({ file, docs: reference(text) })
    }
    // Nearly every rule is plain YAML; the rest fall back to the yaml package.
    expect(read).toBeGreaterThan(files.length * 0.95)
  })

  it('should give parseSigma the same documents and diagnostics as the yaml package on every corpus file', () => {
    for (const file of files) {
      const text = readFileSync(path.join(SIGMA_RULES, file), 'utf8')
      expect(parseSigma(text, file)).toEqual(parseSigma(text, file, { yamlReader: 'yaml' }))
    }
  })

  it('should resolve plain scalars as the core schema does', () => {
    for (const text of ['~', 'null', 'true', 'False', '0o17', '017', '-12', '0x1F', '.inf', '-.Inf', '1e3', '.5', '1.', '+1.5e-2', 'yes', '0b1', '1_000', '2024-01-01', '12:30']) {
      expect([text, resolvePlain(text)]).toEqual([text, (parseAllDocuments(`v: ${text}`)[0]!.toJS() as { v: unknown }).v])
    }
    expect(resolvePlain('.nan')).toBeNaN()
  })

  it('should either agree with the yaml package or decline, on random YAML-like text', () => {
    const piece = fc.constantFrom(
      'a: 1\n', 'b: "x\\ty"\n', "c: 'it''s'\n", '  d: [x, "y", {k: v}]\n', '- e\n', '  - f: g\n', '    h: i\n', 'j: |\n', '  text\n',
      'k: >-\n', '   more\n', '\n', '# c\n', 'l: m # c\n', '---\n', 'n:\n', '  - o\n', 'p: q: r\n', 'r: [s,\n', '&a t: u\n', 'v: w\n  x\n',
      "'y': z\n", '{}\n', '- [a, b]\n', 'z: #\n', 'k|all: 0x10\n',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('')
        const fast = parseFastYaml(text)
        if (!fast) return
        const expected = reference(text)
        if (expected.some((d) => d.errors)) throw new Error(`fast reader accepted invalid YAML: ${JSON.stringify(text)}`)
        expect(fast.map((d) => ({ contents: shape(d.contents), errors: 0 }))).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('parseFastYaml on mutated corpus rules', () => {
  const sample = files.filter((_, i) => i % 60 === 0).map((f) => readFileSync(path.join(SIGMA_RULES, f), 'utf8'))
  const inserts = [':', ': ', '-', '- ', "'", '"', ' ', '  ', '\n', '#', ' #', '|', '>', '[', ']', '{', '}', ',', '*', '&a ', '!', '\t', '\\', '---\n', '?', '%']
  const mutation = fc.record({
    file: fc.nat({ max: sample.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat({ max: 4 }),
    insert: fc.constantFrom(...inserts),
  })

  it('should give parseSigma the same result as the yaml package, or decline, after random edits', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = sample[edits[0]!.file]!
        for (const edit of edits) {
          const at = Math.floor(edit.at * text.length)
          text = text.slice(0, at) + edit.insert + text.slice(at + edit.remove)
        }
        expect(parseSigma(text, 'm.yml')).toEqual(parseSigma(text, 'm.yml', { yamlReader: 'yaml' }))
      }),
      { numRuns: 1000 },
    )
  })

  it('should give parseSigma the same result as the yaml package, or decline, after random line edits', () => {
    const edit = fc.record({
      line: fc.double({ min: 0, max: 1, noNaN: true }),
      op: fc.constantFrom('duplicate', 'delete', 'indent', 'dedent', 'swap', 'blank', 'comment', 'marker'),
    })
    fc.assert(
      fc.property(fc.nat({ max: sample.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (file, edits) => {
        const lines = sample[file]!.split('\n')
        for (const { line, op } of edits) {
          const i = Math.floor(line * lines.length)
          const text = lines[i] ?? ''
          if (op === 'duplicate') lines.splice(i, 0, text)
          else if (op === 'delete') lines.splice(i, 1)
          else if (op === 'indent') lines[i] = ' ' + text
          else if (op === 'dedent') lines[i] = text.replace(/^ {1,2}/, '')
          else if (op === 'swap' && i + 1 < lines.length) lines.splice(i, 2, lines[i + 1]!, text)
          else if (op === 'blank') lines.splice(i, 0, '')
          else if (op === 'comment') lines.splice(i, 0, ' '.repeat(i % 7) + '# note')
          else if (op === 'marker') lines.splice(i, 0, '---')
        }
        const text = lines.join('\n')
        expect(parseSigma(text, 'm.yml')).toEqual(parseSigma(text, 'm.yml', { yamlReader: 'yaml' }))
      }),
      { numRuns: 1000 },
    )
  })
})
