import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import sirv from 'sirv'

export interface StaticServer {
  readonly url: string
  close(): Promise<void>
}

/**
 * Serve an exported site (`out/`) on localhost. Port 0 picks a free port. Paths
 * resolve as a static host would: `/rules/x/` → `rules/x/index.html`, and JSON files
 * keep their type; anything missing gets the exported 404 page. It sends no security headers:
 * every page carries its Content-Security-Policy as a meta tag (`scripts/apply-csp.ts`).
 */
export async function serveStatic(dir: string, port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const assets = sirv(dir, { dev: false, etag: true, extensions: ['html'], single: false })
  const server: Server = createServer((req, res) =>
    assets(req, res, () => {
      res.statusCode = 404
      res.setHeader('Content-Type', 'text/html; charset=utf-8')
      const page = path.join(dir, '404.html')
      res.end(existsSync(page) ? readFileSync(page) : 'Not found')
    }),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const { port: actual } = server.address() as AddressInfo
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
