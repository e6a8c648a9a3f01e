/**
 * A prebuild worker thread: builds the rule jobs the main thread hands it, one
 * at a time, writes each one's cache entry and answers with its record.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { TargetSummary } from '../manifest-types'
import { buildAndCache, type BuildJob } from './build-one'

const { targets, cacheDir } = workerData as { targets: TargetSummary[]; cacheDir: string }

parentPort!.on('message', (job: BuildJob | null) => {
  if (job === null) {
    parentPort!.close()
    return
  }
  void buildAndCache(job, targets, cacheDir).then((record) => parentPort!.postMessage(record))
})
parentPort!.postMessage('ready')
