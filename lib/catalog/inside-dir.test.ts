import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { insideDir } from './inside-dir'

describe('insideDir', () => {
  it('should join a path that stays inside the folder', () => {
    expect(insideDir('/tmp/out', 'r/0b7e6a52/index.html')).toBe(path.resolve('/tmp/out/r/0b7e6a52/index.html'))
    expect(insideDir('/tmp/out', 'rules/a/../b.json')).toBe(path.resolve('/tmp/out/rules/b.json'))
  })

  it('should refuse a path that climbs out, is absolute or holds a NUL byte', () => {
    for (const bad of ['../x', 'r/../../x/index.html', '/etc/passwd', 'a\0b', '..'])
      expect(() => insideDir('/tmp/out', bad), bad).toThrow(/^Refusing to write .*: it is not inside \/tmp\/out$/)
  })
})
