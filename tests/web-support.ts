// The browser end-to-end harness: the real system (every subgraph + router on free ports, throw-away
// database) plus the production web app, and Debian's Chromium driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { ROOT } from '@autolytiq/tools/compose.ts';
import { PASSWORD, startTestSystem } from './support.ts';

export const SCREENSHOTS = `${ROOT}test-output/web`;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function startWebSystem(
  options: Omit<Parameters<typeof startTestSystem>[0] & {}, 'webPort'> = {},
) {
  const system = await startTestSystem({ ...options, webPort: 0 });
  return { ...system, webUrl: system.webUrl! };
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

/**
 * After each failed test of the describe it is called in, a screenshot of every page `pages()` names
 * (`failed-<test>-<key>.png`, or `failed-<test>.png` for the key ''), so a red run shows what the
 * browser saw.
 */
export function shootOnFailure(pages: () => Record<string, Page | undefined>): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const name = `failed-${ctx.task.name.replace(/\W+/g, '-')}`;
    for (const [key, page] of Object.entries(pages())) {
      if (page) await shot(page, key ? `${name}-${key}` : name).catch(() => undefined);
    }
  });
}
