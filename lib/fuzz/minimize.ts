/**
 * Delta debugging over lines, then over characters of the remaining lines:
 * the smallest text (within `budget` checks) for which `fails` still holds.
 */
export function minimize(text: string, fails: (candidate: string) => boolean, budget = 300): string {
  let checks = 0
  const test = (candidate: string) => checks++ < budget && fails(candidate)
  let lines = text.split('\n')
  for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1 && checks < budget; chunk >>= 1) {
    for (let at = 0; at < lines.length && checks < budget; ) {
      const candidate = [...lines.slice(0, at), ...lines.slice(at + chunk)]
      if (candidate.length > 0 && test(candidate.join('\n'))) lines = candidate
      else at += chunk
    }
  }
  // Shorten long lines: drop runs of characters from each.
  for (let i = 0; i < lines.length && checks < budget; i++) {
    for (let chunk = lines[i]!.length >> 1; chunk >= 1 && checks < budget; chunk >>= 1) {
      for (let at = 0; at < lines[i]!.length && checks < budget; ) {
        const line = lines[i]!
        const shorter = line.slice(0, at) + line.slice(at + chunk)
        const candidate = [...lines.slice(0, i), shorter, ...lines.slice(i + 1)]
        if (test(candidate.join('\n'))) lines = candidate
        else at += chunk
      }
    }
  }
  return lines.join('\n')
}
