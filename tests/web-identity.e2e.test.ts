/// <reference lib="dom" />
// The account screens in a real browser against the real system: two-step sign-in set up on "Your
// account" (QR code, key, a code computed by oathtool as an authenticator app would, backup codes
// shown once), the signed-in devices, sign-in asking for the code, and forgot-password.
import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from './support.ts';
import { launchBrowser, shootOnFailure, shot, signIn, startWebSystem } from './web-support.ts';

type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;
let system: WebSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const oathtool = (secret: string, at: Date) =>
  execFileSync('oathtool', ['--totp', '-b', secret, '--now', at.toISOString()], {
    encoding: 'utf8',
  }).trim();

beforeAll(async () => {
  browser = await launchBrowser();
  system = await startWebSystem();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
}, 300_000);
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await system?.shutdown();
});

describe('web: account and two-step sign-in', { timeout: 120_000 }, () => {
  shootOnFailure(() => ({ '': page }));
  let secret = '';
  let enrolledAt = new Date();

  it('sets up an authenticator app from "Your account" and shows the backup codes once', async () => {
    await signIn(page, system.webUrl, 'finance');
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByTestId('sessions').waitFor();
    const devices = await page.getByTestId('sessions').innerText();
    expect(devices).toContain('This device');
    expect(devices).toMatch(/Chrome/); // the browser's User-Agent, recorded at sign-in
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByTestId('totp-qr').waitFor();
    secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    enrolledAt = new Date();
    await page
      .getByLabel('Then enter the 6-digit code it shows')
      .fill(oathtool(secret, enrolledAt));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByTestId('backup-codes').waitFor();
    expect(await page.getByTestId('backup-codes').locator('li').count()).toBe(10);
    expect(await page.getByTestId('mfa-status').innerText()).toMatch(/Backup codes left: 10/);
    await shot(page, 'account-two-step-on');
  });

  it('sign-in then asks for the code; a wrong one is refused on the page, a right one signs in', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await fresh.newPage();
    try {
      await other.goto(`${system.webUrl}/sign-in`);
      await other.getByLabel('Username').fill('finance');
      await other.getByLabel('Password').fill(PASSWORD);
      await other.getByRole('button', { name: 'Sign in' }).click();
      await other.getByLabel('Code').waitFor();
      await other.getByLabel('Code').fill('000000');
      await other.getByRole('button', { name: 'Continue' }).click();
      await other.getByText('That code is not right').waitFor();
      // What the app shows one step later (accepted ±1 step; the enrolment step is used up).
      await other
        .getByLabel('Code')
        .fill(oathtool(secret, new Date(enrolledAt.getTime() + 30_000)));
      await other.getByRole('button', { name: 'Continue' }).click();
      await other.getByTestId('signed-in-user').waitFor();
      expect(await other.getByTestId('signed-in-user').innerText()).toBe('finance');
    } finally {
      await fresh.close();
    }
  });

  it('forgot-password answers the same for any name', async () => {
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    try {
      await other.goto(`${system.webUrl}/forgot-password`);
      await other.getByLabel('Username or email').fill('nobody-at-all');
      await other.getByRole('button', { name: 'Send the link' }).click();
      await other.getByTestId('reset-requested').waitFor();
      await shot(other, 'forgot-password-sent');
    } finally {
      await fresh.close();
    }
  });
});
