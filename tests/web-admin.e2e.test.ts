/// <reference lib="dom" />
// The administration screens in a real browser against the real system: the users list with search
// and filters, inviting a user (the invitation mail's link chooses the password, then they sign in),
// editing roles, deactivating / reactivating, a password reset and an unlock; the roles editor showing
// own vs inherited permissions; and none of it for someone without admin.users.
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shootOnFailure, shot, signIn, startWebSystem } from './web-support.ts';

type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;
let system: WebSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const NEW_PASSWORD = 'tractor-lunch-orbit-7';

/** The newest mail to `to` whose text holds `path?token=…`: the token (quoted-printable undone). */
function tokenMailedTo(to: string, path: string): string | undefined {
  const dir = `${system.dataDir}/mail`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  for (const file of files.reverse()) {
    const text = readFileSync(`${dir}/${file}`, 'utf8')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
    if (!text.toLowerCase().includes(`to: ${to}`)) continue;
    const token = new RegExp(`/${path}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1];
    if (token) return token;
  }
  return undefined;
}

async function until<T>(fn: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const row = (username: string) => page.locator(`tr[data-username="${username}"]`);

beforeAll(async () => {
  browser = await launchBrowser();
  system = await startWebSystem();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
}, 300_000);
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await system?.shutdown();
});

describe('web: users and roles administration', { timeout: 180_000 }, () => {
  shootOnFailure(() => ({ '': page }));

  it('lists the users with search and a role filter', async () => {
    await signIn(page, system.webUrl, 'admin');
    await page.getByRole('link', { name: 'Users' }).click();
    await row('admin').waitFor();
    await page.getByLabel('Search by username, name or email').fill('sales');
    await page.waitForFunction(() => !document.querySelector('tr[data-username="admin"]'));
    expect(await row('sales').count()).toBe(1);
    await page.getByLabel('Search by username, name or email').fill('');
    await page.getByLabel('Role').selectOption('finance');
    await row('finance').waitFor();
    await page.waitForFunction(() => !document.querySelector('tr[data-username="admin"]'));
    await page.getByLabel('Role').selectOption('');
    await row('admin').waitFor();
    await shot(page, 'admin-users');
  });

  it('invites a user by mail; the link chooses the password and they sign in', async () => {
    await page.getByRole('button', { name: 'Invite a user' }).click();
    await page.getByLabel('Username', { exact: true }).fill('web-newbie');
    await page.getByLabel('Name', { exact: true }).fill('Nina Newbie');
    await page.getByLabel('Email', { exact: true }).fill('nina@dealer.test');
    await page.getByRole('checkbox', { name: /^salesperson/ }).check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByTestId('admin-notice').waitFor();
    expect(await page.getByTestId('admin-notice').innerText()).toMatch(/invited by mail/);
    await row('web-newbie').waitFor();
    expect(await row('web-newbie').getByTestId('user-status').innerText()).toBe('Invited');
    const token = await until(() => tokenMailedTo('nina@dealer.test', 'accept-invitation'));
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    try {
      await other.goto(`${system.webUrl}/accept-invitation?token=${token}`);
      await other.getByLabel('Password', { exact: true }).fill('short');
      await other.getByLabel('Password again').fill('short');
      await other.getByRole('button', { name: 'Create my account' }).click();
      await other
        .getByText(/at least 12 characters/)
        .first()
        .waitFor();
      await other.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
      await other.getByLabel('Password again').fill(NEW_PASSWORD);
      await other.getByRole('button', { name: 'Create my account' }).click();
      await other.getByTestId('invitation-accepted').waitFor();
      await signIn(other, system.webUrl, 'web-newbie', NEW_PASSWORD);
      expect(await other.getByTestId('signed-in-user').innerText()).toBe('web-newbie');
    } finally {
      await fresh.close();
    }
    await page.reload();
    await row('web-newbie').waitFor();
    expect(await row('web-newbie').getByTestId('user-status').innerText()).toBe('Active');
  });

  it('edits roles, deactivates and reactivates, sends a reset and unlocks', async () => {
    await row('web-newbie').getByRole('button', { name: 'Edit web-newbie' }).click();
    await page.getByRole('checkbox', { name: /^manager/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('admin-notice').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('tr[data-username="web-newbie"]')?.textContent?.includes('manager'),
    );
    await row('web-newbie').getByRole('button', { name: 'Deactivate web-newbie' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('tr[data-username="web-newbie"] [data-testid="user-status"]')
          ?.textContent === 'Deactivated',
    );
    await row('web-newbie').getByRole('button', { name: 'Reactivate web-newbie' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('tr[data-username="web-newbie"] [data-testid="user-status"]')
          ?.textContent === 'Active',
    );
    await row('web-newbie')
      .getByRole('button', { name: 'Send web-newbie a password reset' })
      .click();
    await page.getByText('A reset link was mailed to web-newbie.').waitFor();
    await until(() => tokenMailedTo('nina@dealer.test', 'reset-password'));
    await row('web-newbie').getByRole('button', { name: 'Unlock web-newbie' }).click();
    await page.getByText('Sign-in locks on web-newbie are lifted.').waitFor();
    // The admin cannot deactivate themselves: the error is on the page, nothing changes.
    await row('admin').getByRole('button', { name: 'Deactivate admin' }).click();
    await page.getByRole('alert').filter({ hasText: 'cannot deactivate yourself' }).waitFor();
  });

  it('the roles editor creates a custom role and shows inherited vs own permissions', async () => {
    await page.getByRole('link', { name: 'Roles' }).first().click();
    await page.locator('tr[data-role="admin"]').waitFor();
    expect(await page.locator('tr[data-role="admin"]').innerText()).toContain('built-in');
    await page.getByRole('button', { name: 'New role' }).click();
    await page.getByLabel('Name', { exact: true }).fill('lot-porter');
    await page.getByLabel('Description', { exact: true }).fill('Moves cars on the lot');
    await page.getByRole('checkbox', { name: 'salesperson' }).check();
    await page.getByRole('checkbox', { name: 'Own: inventory.write' }).check();
    const inherited = (p: string) =>
      page.locator(`tr[data-permission="${p}"] [data-testid="inherited"]`).innerText();
    expect(await inherited('deals.read')).toBe('from salesperson');
    expect(await inherited('inventory.write')).toBe('');
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.locator('tr[data-role="lot-porter"]').waitFor();
    expect(await page.locator('tr[data-role="lot-porter"]').innerText()).toContain('salesperson');
    // A built-in role opens read-only.
    await page.getByRole('button', { name: 'Open role salesperson' }).click();
    expect(await page.getByText('A built-in role: it cannot be changed or deleted.').count()).toBe(
      1,
    );
    await shot(page, 'admin-roles');
  });

  it('someone without admin.users sees no administration', async () => {
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    try {
      await signIn(other, system.webUrl, 'sales');
      expect(await other.getByRole('link', { name: 'Users' }).count()).toBe(0);
      await other.goto(`${system.webUrl}/admin/users`);
      await other.getByText('Managing users needs the admin.users permission.').waitFor();
    } finally {
      await fresh.close();
    }
  });
});
