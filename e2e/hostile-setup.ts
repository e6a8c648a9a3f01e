import globalSetup from './global-setup'

/** Build (through `npm run build`, as the main suite does) from the hostile fixture rules only, then serve `out/`. */
export default async function hostileSetup() {
  process.env.ATLAS_CONTENT_DIR = 'e2e/hostile/content'
  process.env.ATLAS_SOURCES = 'sigma=e2e/hostile/sigma:elastic=e2e/hostile/elastic'
  return globalSetup()
}
