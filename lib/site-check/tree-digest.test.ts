import { describe, expect, it } from 'vitest'
import { useFixtureTrees } from './testing'
import { compareDigests, treeDigest } from './tree-digest'

const tree = useFixtureTrees()

describe('compareDigests', () => {
  it('should list files that differ or exist in one tree only, and nothing for identical trees', () => {
    const a = treeDigest(tree({ 'index.html': 'x', 'rules/a/index.html': 'a', '_next/static/b1/m.js': '' }))
    const b = treeDigest(tree({ 'index.html': 'x', 'rules/a/index.html': 'A', '_next/static/b2/m.js': '' }))
    expect(compareDigests(a, a)).toEqual([])
    expect(compareDigests(a, b)).toEqual([
      { file: '_next/static/b1/m.js', kind: 'only-in-first' },
      { file: '_next/static/b2/m.js', kind: 'only-in-second' },
      { file: 'rules/a/index.html', kind: 'differs' },
    ])
  })
})
