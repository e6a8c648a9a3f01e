import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { scanHtml, type PageScan } from './scan-html'

/** Files per message to a worker: large enough that messaging costs little, small enough to balance. */
const BATCH = 100

/**
 * Scans HTML files (absolute paths), results in file order. With `cacheDir`, each file's scan is
 * kept by a hash of its bytes, so a rebuild rescans only the pages that changed (the rest of an
 * export is byte-identical from build to build); entries no file used are removed.
 */
export async function scanFiles(files: readonly string[], workers?: number, cacheDir?: string): Promise<PageScan[]> {
  if (!cacheDir) return scanUncached(files, workers ?? defaultWorkers(files.length))
  mkdirSync(cacheDir, { recursive: true })
  const keys = files.map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'))
  const scans = keys.map((key): PageScan | undefined => {
    try {
      return JSON.parse(readFileSync(path.join(cacheDir, `${key}.json`), 'utf8')) as PageScan
    } catch {
      return undefined
    }
  })
  const missing = files.flatMap((_, i) => (scans[i] ? [] : [i]))
  const fresh = await scanUncached(
    missing.map((i) => files[i]!),
    workers ?? defaultWorkers(missing.length),
  )
  for (const [j, i] of missing.entries()) {
    scans[i] = fresh[j]!
    writeFileSync(path.join(cacheDir, `${keys[i]}.json`), JSON.stringify(fresh[j]))
  }
  const used = new Set(keys.map((key) => `${key}.json`))
  for (const entry of readdirSync(cacheDir)) if (!used.has(entry)) rmSync(path.join(cacheDir, entry))
  return scans as PageScan[]
}

/** Scans HTML files (absolute paths) on `workers` threads (0: this thread); results in file order. */
async function scanUncached(files: readonly string[], workers: number): Promise<PageScan[]> {
  if (workers <= 0) return files.map((file) => scanHtml(readFileSync(file, 'utf8')))
  const scans = new Array<PageScan>(files.length)
  let next = 0
  const run = () =>
    new Promise<void>((resolve, reject) => {
      // The worker is TypeScript: its entry registers tsx in the thread first.
      const worker = new Worker(new URL('./scan-worker-entry.mjs', import.meta.url))
      let start = 0
      const feed = () => {
        if (next >= files.length) {
          void worker.terminate().then(() => resolve())
          return
        }
        start = next
        next = Math.min(files.length, next + BATCH)
        worker.postMessage(files.slice(start, next))
      }
      worker.on('message', (message: PageScan[] | 'ready') => {
        if (message !== 'ready') for (const [i, scan] of message.entries()) scans[start + i] = scan
        feed()
      })
      worker.on('error', reject)
    })
  await Promise.all(Array.from({ length: Math.min(workers, Math.ceil(files.length / BATCH)) }, run))
  return scans
}

/** Threads for scanning: `ATLAS_LINKCHECK_WORKERS`, else one per core (at most 4) for a large tree. */
export function defaultWorkers(files: number): number {
  const env = process.env.ATLAS_LINKCHECK_WORKERS
  if (env !== undefined) return Math.max(0, Number(env) || 0)
  return files >= 2000 ? Math.min(availableParallelism(), 4) : 0
}
