import { defineConfig, devices } from '@playwright/test'
import { E2E_PG_PORT } from './e2e/support/database'
import { findChromium } from './scripts/browser'

/**
 * End-to-end tests run the production build against its own freshly seeded local services,
 * on their own ports and build directory, so a running `npm run dev` is never disturbed.
 */
const PORT = 3100
const baseURL = `http://localhost:${PORT}`
const chromium = findChromium()
// Workers load this file too; the runner alone says which browser the run uses.
if (!process.env.TEST_WORKER_INDEX)
  console.log(`[e2e] Chromium: ${chromium.path} (${chromium.source})`)

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromium.path, args: chromium.args, env: chromium.env },
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } },
    },
  ],
  webServer: {
    // A fresh build: Next keeps fetched data in <distDir>/cache, which must not outlive the fresh dataset.
    command: `tsx scripts/with-services.ts --fresh sh -c "rm -rf .next-e2e && next build && tsx scripts/serve.ts start -p ${PORT}"`,
    url: baseURL,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    // with-services stops the services it started (each in its own process group) on SIGTERM.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    env: {
      LAKE_PORT: '3131',
      LAKE_DATA_DIR: '.data/e2e-lake',
      STRIPE_LOCAL_PORT: '12131',
      STRIPE_LOCAL_DATA_DIR: '.data/e2e-stripe',
      MAILDEV_SMTP_PORT: '1125',
      MAILDEV_WEB_PORT: '1180',
      MAILDEV_DATA_DIR: '.data/e2e-maildev',
      PG_PORT: E2E_PG_PORT,
      PG_DATA_DIR: '.data/e2e-postgres',
      NEXT_DIST_DIR: '.next-e2e',
      SITE_URL: baseURL,
      // The suite is one client making many requests; the limits themselves are tested by test:reliability.
      RATE_LIMIT_CART_PER_MINUTE: '2000',
      RATE_LIMIT_CHECKOUT_PER_MINUTE: '200',
      RATE_LIMIT_SUCCESS_PAGE_PER_MINUTE: '2000',
      RATE_LIMIT_LOOKUP_PER_MINUTE: '50',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '100',
      HOLDS_PER_CLIENT: '500',
      HOLD_UNITS_PER_CLIENT: '5000',
      HOLD_UNITS_PER_VARIANT: '5000',
      LIVE_STREAMS_PER_CLIENT: '1000',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
})
