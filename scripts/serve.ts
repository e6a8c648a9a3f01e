/**
 * `npm start`: build the site if `out/` is missing, older than the content or code it
 * comes from, or built from other rules (the e2e suites leave their fixture catalogs
 * there), then serve `out/` and print the URL. `PORT` picks the port (default 3000; 0 = any free).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readBuildInputs } from '../lib/catalog/manifest-files'
import { contentDir } from '../lib/catalog/paths'
import { resolveSources } from '../lib/catalog/sources/config'
import { serveStatic } from './static-server'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'out')

function newest(dir: string): number {
  if (!existsSync(dir)) return 0
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs)
  }
  return latest
}

const built = existsSync(path.join(out, 'index.html')) ? statSync(path.join(out, 'index.html')).mtimeMs : 0
const changed = Math.max(...['content', 'app', 'components', 'lib'].map((d) => newest(path.join(root, d)))) > built
const wanted = JSON.stringify({ content: contentDir(), sources: resolveSources({ env: process.env.ATLAS_SOURCES, root }) })
const otherCatalog = JSON.stringify(readBuildInputs()) !== wanted
if (!built || changed || otherCatalog) {
  console.log(!built ? 'No build yet: building…' : changed ? 'Sources changed since the last build: rebuilding…' : 'out/ holds another catalog: rebuilding…')
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const server = await serveStatic(out, Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1')
console.log(`Detection Atlas is served at ${server.url}/  (Ctrl+C to stop)`)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void server.close().then(() => process.exit(0))
  })
