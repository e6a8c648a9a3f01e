import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')
const dependencies = Object.keys((JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { dependencies: Record<string, string> }).dependencies)

describe('runtime dependencies', () => {
  it("should justify every runtime dependency, and only those, in the README's table", () => {
    const section = readme.slice(readme.indexOf('### Runtime dependencies'))
    const listed = [...section.matchAll(/^\| (.+?) \|/gm)].flatMap(([, cell]) => [...cell!.matchAll(/`([^`]+)`/g)].map(([, name]) => name!))
    expect(new Set(listed)).toEqual(new Set(dependencies))
  })
})
