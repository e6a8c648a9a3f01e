/**
 * The catalog is a static export: `next build` writes `out/`, which any static host
 * (or an air-gapped file share) can serve. Pages read the manifest that
 * `scripts/build-manifest.ts` writes before the build.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  output: 'export',
  trailingSlash: true,
  images: { unoptimized: true },
  reactStrictMode: true,
  poweredByHeader: false,
  // Next generates static pages with cores − 1 workers; on a 2-core machine this halves that phase.
  experimental: { cpus: 2 },
  // Type checking is `npm run typecheck`'s job (and CI's): in a tree where several people work at
  // once, the site build should not fail on someone else's unfinished file, and it saves build time.
  typescript: { ignoreBuildErrors: true },
}

export default nextConfig
