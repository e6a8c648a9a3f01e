import base from './playwright.config'

/**
 * Hostile content: `e2e/hostile.inert.ts` against a catalog built from the fixture rules in
 * `e2e/hostile/` (a content page, a Sigma tree and an Elastic tree whose every field carries
 * HTML and script payloads). Its global setup builds with those instead of `content/`, so it
 * runs after the main suite (`npm run e2e`) and leaves that catalog in `out/`.
 */
export default { ...base, testMatch: '**/hostile.inert.ts', globalSetup: './e2e/hostile-setup.ts', outputDir: 'test-results/hostile' }
