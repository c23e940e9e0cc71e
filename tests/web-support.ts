// The browser end-to-end harness: the real system (every subgraph + router on free ports, throw-away
// database) plus the production web app, and Debian's Chromium driven by playwright-core.
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../tools/src/compose.ts';
import { createTestDatabase } from '../tools/src/test-database.ts';
import { startSystem } from '../tools/src/system.ts';
import { AUTH_KEY_SECRET, PASSWORD } from './support.ts';

export const SCREENSHOTS = `${ROOT}test-output/web`;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function startWebSystem() {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(`${tmpdir()}/autolytiq-web-e2e-`);
  chmodSync(dataDir, 0o755);
  const system = await startSystem({
    databaseUrl: database.url,
    dataDir,
    routerPort: 0,
    freePorts: true,
    webPort: 0,
    authKeySecret: AUTH_KEY_SECRET,
    demoPassword: PASSWORD,
    resetDemoPasswords: false,
    logLevel: 'warn',
    // Every browser here signs in from 127.0.0.1, many times a minute: not what the login limit is for.
    env: { NODE_ENV: 'test', ROUTER_RATE_LIMIT_LOGIN: '1000' },
  });
  return {
    ...system,
    webUrl: system.webUrl!,
    shutdown: async () => {
      await system.stop();
      await database.drop();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

export async function signIn(page: Page, webUrl: string, username: string, password = PASSWORD) {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor();
}
