import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { scanHtml, type PageScan } from './scan-html'

/** Files per message to a worker: large enough that messaging costs little, small enough to balance. */
const BATCH = 100

/** Scans HTML files (absolute paths) on `workers` threads (0: this thread); results in file order. */
export async function scanFiles(files: readonly string[], workers = defaultWorkers(files.length)): Promise<PageScan[]> {
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
