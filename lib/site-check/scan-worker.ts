import { readFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { scanHtml } from './scan-html'

// Receives batches of HTML file paths, answers with their scans in the same order.
parentPort!.on('message', (files: string[]) => {
  parentPort!.postMessage(files.map((file) => scanHtml(readFileSync(file, 'utf8'))))
})
parentPort!.postMessage('ready')
