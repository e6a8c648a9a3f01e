import { readFileSync } from 'node:fs'
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))

/**
 * The catalog is a static export: `next build` writes `out/`, which any static host
 * (or an air-gapped file share) can serve. Pages read the manifest that
 * `scripts/build-manifest.ts` writes before the build. Rule pages are not Next pages
 * in the export: scripts/render-rule-pages.tsx writes them after the build (static
 * HTML, no React runtime, cached by content hash); the dev server serves them through
 * `app/rules/[slug]/page.dev.tsx`, a page extension only development knows.
 * @type {(phase: string) => import('next').NextConfig}
 */
export default function nextConfig(phase) {
  return {
    output: 'export',
    trailingSlash: true,
    images: { unoptimized: true },
    reactStrictMode: true,
    poweredByHeader: false,
    // A fixed build id, so that two builds of one commit are byte-identical (issue 8; checked by
    // scripts/check-reproducible.ts). It busts no cache here: every asset URL carries its content
    // hash, pages are not cached as immutable, and the only files named after it
    // (_next/static/<id>/_buildManifest.js …) are loaded by nothing, as pages link with plain <a>.
    // A random id would make every page differ on every build, so a deploy would copy all of them.
    // The package version changes it for a release; ATLAS_BUILD_ID overrides it.
    generateBuildId: async () => process.env.ATLAS_BUILD_ID ?? `v${version}`,
    pageExtensions: phase === PHASE_DEVELOPMENT_SERVER ? ['dev.tsx', 'tsx', 'ts'] : ['tsx', 'ts'],
    // Next generates static pages with cores − 1 workers; on a 2-core machine this halves that phase.
    experimental: { cpus: 2 },
    // Type checking is `npm run typecheck`'s job (and CI's): in a tree where several people work at
    // once, the site build should not fail on someone else's unfinished file, and it saves build time.
    typescript: { ignoreBuildErrors: true },
  }
}
