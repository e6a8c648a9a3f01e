/**
 * `npm run bench:dev`: the author preview of issue 7. Starts `npm run dev`, opens a content
 * rule's page once (compiling the route), then edits the rule's guide several times and, after
 * each save, reloads the page until the edit shows: prints the time from saving to a reload
 * that shows it (goal: within 2 s). The rule file is restored afterwards.
 * Options: --port N (default 3210), --rounds N (default 5), --slug SLUG.
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name)
  return i === -1 ? fallback : (args[i + 1] ?? fallback)
}
const port = Number(option('--port', '3210'))
const rounds = Number(option('--rounds', '5'))
const slug = option('--slug', 'processes-created-by-mmc')
const file = path.join(root, 'content', 'rules', `${slug}.mdx`)
const url = `http://127.0.0.1:${port}/rules/${slug}/`

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function pageText(): Promise<string | null> {
  try {
    const response = await fetch(url)
    return response.ok ? await response.text() : null
  } catch {
    return null
  }
}

const dev = spawn('npm', ['run', 'dev', '--', '-p', String(port), '-H', '127.0.0.1'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true })
dev.stdout.on('data', () => {})
const original = readFileSync(file, 'utf8')
const times: number[] = []
try {
  const ready = Date.now()
  while ((await pageText()) === null) {
    if (Date.now() - ready > 180_000) throw new Error(`the dev server did not serve ${url} within 3 minutes`)
    await sleep(250)
  }
  console.log(`dev server up and ${url} compiled in ${((Date.now() - ready) / 1000).toFixed(1)} s`)
  for (let round = 1; round <= rounds; round++) {
    const marker = `Edited by the dev-preview benchmark, round ${round} ${Date.now()}.`
    const saved = Date.now()
    writeFileSync(file, `${original.trimEnd()}\n\n${marker}\n`)
    while (!(await pageText())?.includes(marker)) {
      if (Date.now() - saved > 60_000) throw new Error(`round ${round}: the edit did not show within 60 s`)
      await sleep(50)
    }
    times.push(Date.now() - saved)
    console.log(`  round ${round}: the edit shows on reload ${times.at(-1)} ms after saving`)
    await sleep(500)
  }
} finally {
  writeFileSync(file, original)
  if (dev.pid) process.kill(-dev.pid, 'SIGTERM')
}
const sorted = [...times].sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)]!
console.log(`edit → page shows it: median ${median} ms, worst ${sorted.at(-1)} ms over ${rounds} edits   goal < 2000 ms: ${sorted.at(-1)! < 2000 ? 'met' : 'MISSED'}`)
