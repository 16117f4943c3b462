import { chromium, defineConfig } from '@playwright/test';
import { chooseChromium } from './lib/testing/chromium';
import { OIDC_ISSUER, PORTAL_URL, STANDIN_DOMAIN } from './e2e/support/ports';
import { SMTP_SINK_HTTP_PORT } from './e2e/support/mailbox';
import { standinTestEnv } from './e2e/support/portal-env';

// Checked here, before any server starts: without a browser the run would only fail much later, and
// the message alone says what to do (a stack trace would bury it).
const executablePath = (() => {
  try {
    return chooseChromium({ configured: process.env.CHROMIUM_PATH, playwrightDownload: chromium.executablePath() });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: true,
  retries: 0,
  // Two workers, each driving Chromium, the portal and the stand-in on two cores: pages can take a few
  // seconds, and a test that walks through several pages a minute.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: PORTAL_URL,
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath, args: chromiumArgs },
  },
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      command: 'node --import tsx e2e/support/smtp-sink.ts',
      url: `http://127.0.0.1:${SMTP_SINK_HTTP_PORT}/health`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      command: 'node --import tsx e2e/support/oidc-server.ts',
      url: `${OIDC_ISSUER}/health`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      command: 'node --import tsx scripts/jitsi-standin.ts',
      url: `https://${STANDIN_DOMAIN}/health`,
      ignoreHTTPSErrors: true,
      env: standinTestEnv,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      command: 'node --import tsx e2e/support/start-portal.ts',
      url: `${PORTAL_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
  ],
});
