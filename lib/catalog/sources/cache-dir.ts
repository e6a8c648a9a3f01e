import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'

/** A cache folder nobody has written to for this long belongs to no running build. */
const STALE_MS = 10 * 60 * 1000

/**
 * The rule cache of this engine fingerprint: `<root>/<fingerprint>/`. Entries of
 * other fingerprints can never be read again (any change to lib/ changes it), and a
 * corpus build leaves about a gigabyte, so their folders are removed once idle for ten
 * minutes (a build still running with them keeps touching its folder).
 */
export function fingerprintCacheDir(root: string, fingerprint: string, now = Date.now()): string {
  const dir = path.join(root, fingerprint.slice(0, 16))
  mkdirSync(dir, { recursive: true })
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name)
    if (full === dir) continue
    try {
      if (now - statSync(full).mtimeMs > STALE_MS) rmSync(full, { recursive: true, force: true })
    } catch {
      // removed meanwhile by another build
    }
  }
  return dir
}
