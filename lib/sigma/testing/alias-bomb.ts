/**
 * "Billion laughs" in YAML: nine levels of nine aliases each, about 387 million strings
 * once expanded, in 10 short lines (keys `l0` … `l9`, each line prefixed by `indent`).
 * For the input-limit tests (`lib/sigma/limits.ts`).
 */
export function aliasBomb(indent = ''): string {
  const lines = [`${indent}l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`]
  for (let i = 1; i < 10; i++) lines.push(`${indent}l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`)
  return lines.join('\n') + '\n'
}
