import base from './playwright.config'

/**
 * The corpus smoke test: `e2e/corpus.smoke.ts` against a catalog built with whole rule
 * repositories. Global setup runs `npm run build`, which reads ATLAS_SOURCES, e.g.
 * ATLAS_SOURCES=../shared/corpus/sigma/rules:../shared/corpus/elastic/rules npx playwright test -c playwright.corpus.config.ts
 */
export default { ...base, testMatch: '**/corpus.smoke.ts', timeout: 60_000, outputDir: 'test-results/corpus' }
