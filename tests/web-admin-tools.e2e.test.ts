/// <reference lib="dom" />
// Integrations and the audit log in a real browser against the real system: an admin creates an
// integration client and sees its secret once (it then works at POST /auth/token), revokes it (the
// endpoint refuses it); the audit log filters to those entries, shows the client as the actor of
// its token and downloads the filtered log as CSV; a salesperson gets neither screen.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shootOnFailure, shot, signIn, startWebSystem } from './web-support.ts';

type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;
let system: WebSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let clientId = '';

const tokenFor = (id: string, secret: string) =>
  fetch(new URL('/auth/token', system.routerUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: id,
      client_secret: secret,
    }).toString(),
  });

beforeAll(async () => {
  browser = await launchBrowser();
  system = await startWebSystem();
  context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
}, 300_000);
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await system?.shutdown();
});

describe('web: integrations and the audit log', { timeout: 180_000 }, () => {
  shootOnFailure(() => ({ '': page }));

  it('creates a client and shows its secret once; the secret works; revoking refuses it', async () => {
    await signIn(page, system.webUrl, 'admin');
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('button', { name: 'New integration client' }).click();
    // Nothing given: the server's field error shows next to the permissions.
    await page.getByLabel('Name', { exact: true }).fill('Web DMS');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByText('Give the client at least one permission.').waitFor();
    await page.getByRole('checkbox', { name: /^inventory\.read/ }).check();
    await page.getByRole('button', { name: 'Create client' }).click();
    const secretBox = page.getByLabel('Client secret');
    await secretBox.waitFor();
    clientId = await page.getByLabel('Client id').inputValue();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^acs_/);
    await shot(page, 'admin-clients-secret');
    const ok = await tokenFor(clientId, secret);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { scope: string }).scope).toBe('inventory.read');

    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.reload();
    await page.locator('tr[data-client="Web DMS"]').waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('button', { name: 'Revoke Web DMS' }).click();
    await page.waitForFunction(() => !document.querySelector('tr[data-client="Web DMS"]'));
    await page.getByLabel('Show revoked clients').check();
    await page
      .locator('tr[data-client="Web DMS"]')
      .getByText(/^Revoked/)
      .waitFor();
    expect((await tokenFor(clientId, secret)).status).toBe(401);
  });

  it('the audit log filters by record, shows the client as actor, downloads CSV', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Record type').selectOption('ApiClient');
    await page.getByLabel('Record id').fill(clientId);
    await page.locator('tr[data-action="revoke"]').waitFor();
    const actions = await page
      .locator('table[aria-label="Audit entries"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(['revoke', 'token', 'create']);
    expect(await page.locator('tr[data-action="token"]').innerText()).toContain(
      'Web DMS (integration)',
    );
    // The secret is recorded by name only.
    expect(await page.locator('tr[data-action="create"]').innerText()).toContain(
      'clientSecret: changed (not shown)',
    );
    await shot(page, 'admin-audit');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^at,actor_id,actor,client_id,action,entity_type,entity_id/);
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((l) => l.includes(clientId))).toBe(true);
    await page.getByText('Downloaded 3 entries.').waitFor();
  });

  it('a salesperson has neither screen', async () => {
    const other = await browser.newContext();
    const sales = await other.newPage();
    try {
      await signIn(sales, system.webUrl, 'sales');
      expect(await sales.getByRole('link', { name: 'Integrations' }).count()).toBe(0);
      expect(await sales.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
      await sales.goto(`${system.webUrl}/admin/clients`);
      await sales.getByText('Managing integrations needs the admin.clients permission.').waitFor();
      await sales.goto(`${system.webUrl}/admin/audit`);
      await sales.getByText('The audit log needs the audit.read permission.').waitFor();
    } finally {
      await other.close();
    }
  });
});
