import { execFileSync } from 'node:child_process'

/** Test helper: the indexes of the lines that real `grep -P` (UTF-8 locale) selects with a pattern. */
export function grepLines(pattern: string, lines: readonly string[]): number[] {
  try {
    const out = execFileSync('grep', ['-P', '-n', '-e', pattern], { input: lines.join('\n') + '\n', env: { ...process.env, LC_ALL: 'C.UTF-8' } })
    return out.toString().split('\n').filter(Boolean).map((l) => Number(l.split(':')[0]) - 1)
  } catch (error) {
    if ((error as { status?: number }).status === 1) return []
    throw error
  }
}
