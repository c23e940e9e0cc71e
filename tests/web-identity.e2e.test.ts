/// <reference lib="dom" />
// The account screens in a real browser against the real system: two-step sign-in set up on "Your
// account" (QR code, key, a code computed by oathtool as an authenticator app would, backup codes
// shown once), the signed-in devices, sign-in asking for the code, and forgot-password; then the pages
// opened from mailed links — confirm an email address, choose a new password, unlock a locked sign-in
// — each with the link taken from the mail the system wrote (.eml under its data folder).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

/** The newest mail to `to` whose text holds `/<path>?token=…`: the token (quoted-printable undone). */
function tokenMailedTo(to: string, path: string): string | undefined {
  const dir = `${system.dataDir}/mail`;
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return undefined; // no mail written yet
  }
  for (const file of files.sort().reverse()) {
    const text = readFileSync(`${dir}/${file}`, 'utf8')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
    if (!text.toLowerCase().includes(`to: ${to}`)) continue;
    const token = new RegExp(`/${path}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1];
    if (token) return token;
  }
  return undefined;
}

async function mailedToken(to: string, path: string, not?: string): Promise<string> {
  const end = Date.now() + 30_000;
  for (;;) {
    const token = tokenMailedTo(to, path);
    if (token && token !== not) return token;
    if (Date.now() > end) throw new Error(`no ${path} mail to ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** GraphQL straight to the router (as the web app's server would, from loopback). */
async function api(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await fetch(system.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as {
    data?: Record<string, any> | null;
    errors?: Array<{ extensions?: Record<string, unknown> }>;
  };
}

const LOGIN =
  'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { status accessToken } }';

describe('web: pages opened from mailed links', { timeout: 180_000 }, () => {
  shootOnFailure(() => ({ '': page }));
  const EMAIL = 'sales.person@dealer.test';
  const NEW_PASSWORD = 'tractor-lunch-orbit-7';

  it('verify-email confirms a changed address once; the used link is refused on the page', async () => {
    const login = await api(LOGIN, { u: 'sales', p: PASSWORD });
    const bearer = { authorization: `Bearer ${login.data!.login.accessToken}` };
    const changed = await api(
      'mutation($e: String!) { updateMyEmail(email: $e) { email emailVerified } }',
      { e: EMAIL },
      bearer,
    );
    expect(changed.data!.updateMyEmail).toEqual({ email: EMAIL, emailVerified: false });
    const token = await mailedToken(EMAIL, 'verify-email');
    await page.goto(`${system.webUrl}/verify-email?token=${token}`);
    await page.getByRole('heading', { name: 'Confirm your email address' }).waitFor();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('token-done').waitFor();
    expect(await page.getByTestId('token-done').innerText()).toMatch(/Your address is confirmed/);
    await shot(page, 'verify-email-done');
    const me = await api('{ me { emailVerified } }', {}, bearer);
    expect(me.data!.me.emailVerified).toBe(true);
    await page.goto(`${system.webUrl}/verify-email?token=${token}`);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('.banner-error').waitFor();
    expect(await page.locator('.banner-error').innerText()).toMatch(/not valid, was used/);
    expect(await page.getByTestId('token-done').count()).toBe(0);
  });

  it('reset-password refuses a common or mismatched password, then sets it from the mailed link', async () => {
    await page.goto(`${system.webUrl}/forgot-password`);
    await page.getByLabel('Username or email').fill('sales');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByTestId('reset-requested').waitFor();
    const token = await mailedToken(EMAIL, 'reset-password');
    await page.goto(`${system.webUrl}/reset-password?token=${token}`);
    await page.getByLabel('New password', { exact: true }).fill('password1234');
    await page.getByLabel('New password again').fill('password1234');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.locator('#newPassword-error').waitFor();
    expect(await page.locator('#newPassword-error').innerText()).toMatch(/common/);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(`${NEW_PASSWORD}x`);
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByText('The two passwords differ.').waitFor();
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByTestId('reset-done').waitFor();
    await shot(page, 'reset-password-done');
    expect((await api(LOGIN, { u: 'sales', p: PASSWORD })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const fresh = await browser.newContext();
    try {
      await signIn(await fresh.newPage(), system.webUrl, 'sales', NEW_PASSWORD);
    } finally {
      await fresh.close();
    }
  });

  it('unlock lifts a lock made by failures from many addresses; the user then signs in', async () => {
    // 5 wrong passwords from each of 4 addresses (the router believes X-Forwarded-For from loopback,
    // as it does from the web server): 20 failures lock the username everywhere and mail the link.
    for (let a = 1; a <= 4; a++)
      for (let i = 0; i < 5; i++)
        await api(
          LOGIN,
          { u: 'sales', p: 'wrong-password-123' },
          { 'x-forwarded-for': `10.40.0.${a}` },
        );
    const locked = await api(
      LOGIN,
      { u: 'sales', p: NEW_PASSWORD },
      { 'x-forwarded-for': '10.40.1.1' },
    );
    expect(locked.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      limit: 'username',
    });
    const token = await mailedToken(EMAIL, 'unlock');
    await page.goto(`${system.webUrl}/unlock?token=${token}`);
    await page.getByRole('heading', { name: 'Unlock your sign-in' }).waitFor();
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('token-done').waitFor();
    expect(await page.getByTestId('token-done').innerText()).toMatch(/Unlocked/);
    await shot(page, 'unlock-done');
    const fresh = await browser.newContext();
    try {
      await signIn(await fresh.newPage(), system.webUrl, 'sales', NEW_PASSWORD);
    } finally {
      await fresh.close();
    }
  });
});
