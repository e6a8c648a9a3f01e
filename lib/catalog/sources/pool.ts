import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { TargetSummary } from '../manifest-types'
import { buildAndCache, type BuildJob, type BuildRecord } from './build-one'

/**
 * How many worker threads build rules: `ATLAS_BUILD_WORKERS`, else one per core
 * when there is enough work to pay for starting them (each loads the engine and shiki).
 */
export function workerCount(jobs: number): number {
  const env = process.env.ATLAS_BUILD_WORKERS
  if (env !== undefined) return Math.max(0, Number(env) || 0)
  return jobs >= 40 ? Math.min(availableParallelism(), 8) : 0
}

/**
 * Build jobs on `workers` threads (0: on this thread), each job handed to the
 * next free worker. Records come back in job order.
 */
export async function runJobs(
  jobs: readonly BuildJob[],
  targets: readonly TargetSummary[],
  cacheDir: string,
  workers = workerCount(jobs.length),
  onRecord?: (record: BuildRecord) => void,
): Promise<BuildRecord[]> {
  const records = new Array<BuildRecord>(jobs.length)
  if (workers <= 0) {
    for (const [i, job] of jobs.entries()) {
      records[i] = await buildAndCache(job, targets, cacheDir)
      onRecord?.(records[i]!)
    }
    return records
  }
  let next = 0
  const run = () =>
    new Promise<void>((resolve, reject) => {
      // The worker is TypeScript: its entry registers tsx in the thread first.
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: { targets, cacheDir } })
      let current = -1
      const feed = () => {
        if (next >= jobs.length) {
          worker.postMessage(null)
          return
        }
        current = next++
        worker.postMessage(jobs[current])
      }
      worker.on('message', (message: BuildRecord | 'ready') => {
        if (message !== 'ready') {
          records[current] = message
          onRecord?.(message)
        }
        feed()
      })
      worker.on('error', reject)
      worker.on('exit', (code) => (code === 0 || next >= jobs.length ? resolve() : reject(new Error(`prebuild worker exited with ${code}`))))
    })
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, run))
  const lost = jobs.filter((_, i) => records[i] === undefined).map((j) => j.display)
  if (lost.length) throw new Error(`prebuild workers stopped before building ${lost.length} rule(s): ${lost.slice(0, 5).join(', ')}`)
  return records
}
