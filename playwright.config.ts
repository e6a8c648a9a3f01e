import { defineConfig } from '@playwright/test'

const isCI = Boolean(process.env.CI)

/**
 * The e2e suite drives Debian's Chromium (no Playwright browser download) against
 * the exported site: `e2e/global-setup.ts` builds once and serves `out/` on a free port.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  forbidOnly: isCI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: isCI ? 'line' : 'list',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
