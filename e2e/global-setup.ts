import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '../scripts/static-server'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Build the site once (skip with ATLAS_E2E_SKIP_BUILD=1 when `out/` is fresh),
 * serve `out/` on a free localhost port, and hand its URL to the tests.
 */
export default async function globalSetup() {
  if (process.env.ATLAS_E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`)
  }
  const server = await serveStatic(path.join(root, 'out'), 0)
  process.env.ATLAS_E2E_URL = server.url
  return () => server.close()
}
