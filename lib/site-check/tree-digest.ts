import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** sha256 of every file under `dir`, by posix path relative to it. */
export function treeDigest(dir: string): Map<string, string> {
  const digests = new Map<string, string>()
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    digests.set(path.relative(dir, full).split(path.sep).join('/'), createHash('sha256').update(readFileSync(full)).digest('hex'))
  }
  return digests
}

export interface TreeDifference {
  readonly file: string
  readonly kind: 'only-in-first' | 'only-in-second' | 'differs'
}

/** Files that one tree has and the other lacks, or whose bytes differ; sorted by path. */
export function compareDigests(first: Map<string, string>, second: Map<string, string>): TreeDifference[] {
  const differences: TreeDifference[] = []
  for (const [file, digest] of first) {
    const other = second.get(file)
    if (other === undefined) differences.push({ file, kind: 'only-in-first' })
    else if (other !== digest) differences.push({ file, kind: 'differs' })
  }
  for (const file of second.keys()) if (!first.has(file)) differences.push({ file, kind: 'only-in-second' })
  return differences.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}
