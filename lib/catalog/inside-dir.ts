import path from 'node:path'

/**
 * `root/relative`, or an error when that path would not be inside `root`: an absolute
 * path, `..` segments that climb out, a NUL byte. For every file a build writes from a
 * rule's slug or id (the manifest, `out/r/<id>/`, `out/rules/<slug>/…`): the manifest
 * build already refuses unsafe slugs and ids (`slugProblem`, `idProblem`), this is the last check.
 */
export function insideDir(root: string, relative: string): string {
  const base = path.resolve(root)
  const target = path.resolve(base, relative)
  if (relative.includes('\0') || path.isAbsolute(relative) || (target !== base && !target.startsWith(base + path.sep)))
    throw new Error(`Refusing to write ${JSON.stringify(relative.replace(/\0/g, '\\0'))}: it is not inside ${base}`)
  return target
}
