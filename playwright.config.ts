import { defineConfig } from '@playwright/test';

/**
 * End-to-end: the built renderer in Debian's Chromium (never a downloaded browser), driven
 * against the real main-process app running in the test process (e2e/fixtures/app.ts).
 * `npm run test:e2e` (e2e/run.mjs) builds first and explains a skip when Chromium is absent.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'e2e/output/test-results',
  // One worker: 2 shared cores, and each test owns a PGlite instance and a Chromium page.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [['list'], ['html', { open: 'never', outputFolder: 'e2e/output/report' }], ['json', { outputFile: 'test-results/playwright.json' }]]
    : 'list',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // A document made by `route.fulfill` (SEC-03 rewrites the served HTML) has no IP address
        // space, so Chromium's Local Network Access checks would block its socket to 127.0.0.1.
        // Pages really served from 127.0.0.1 are loopback themselves and never hit these checks.
        '--disable-features=LocalNetworkAccessChecks',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
