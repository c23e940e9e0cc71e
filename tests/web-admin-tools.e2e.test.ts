/// <reference lib="dom" />
// Integrations and the audit log in a real browser against the real system: an admin creates an
// integration client and sees its secret once (it then works at POST /auth/token), revokes it (the
// endpoint refuses it); the audit log filters to those entries, shows the client as the actor of
// its token and downloads the filtered log as CSV; the settings page saves business information and
// opening hours, the default doc fee and the sign-in policy (a role required to use a second factor
// then gets the enrollment step at sign-in), with errors on their fields; a CSV of users is checked
// whole (bad lines listed, nothing created) and then invited at once; a salesperson gets none.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from './support.ts';
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

describe('web: integrations, the audit log and settings', { timeout: 180_000 }, () => {
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

  it('settings: business information and hours, doc fee, sign-in policy; errors on their fields', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const business = page.getByRole('region', { name: 'Business information' });
    await business.getByLabel('Federal tax id (EIN)').fill('123456789');
    await business.getByLabel('Phone').fill('512 555 0134');
    await business.getByLabel('Saturday open').check();
    await business.getByLabel('Saturday opens').fill('10:00');
    await business.getByLabel('Saturday closes').fill('08:00');
    await business.getByRole('button', { name: 'Save business information' }).click();
    await business.getByText('Closing time must be after opening.').waitFor();
    await business.getByLabel('Saturday closes').fill('16:00');
    await business.getByRole('button', { name: 'Save business information' }).click();
    await page.getByText('Business information saved.').waitFor();

    const deals = page.getByRole('region', { name: 'Deal defaults' });
    await deals.getByLabel('Default doc fee').fill('599.00');
    await deals.getByRole('button', { name: 'Save deal defaults' }).click();
    await page.getByText('Deal defaults saved.').waitFor();

    const signIn = page.getByRole('region', { name: 'Sign-in policy' });
    await signIn.getByLabel('Shortest password (12–64 characters)').fill('11');
    await signIn.getByRole('button', { name: 'Save sign-in policy' }).click();
    await signIn.getByText(/at least 12 and at most 64/).waitFor();
    await signIn.getByLabel('Shortest password (12–64 characters)').fill('14');
    await signIn.getByRole('checkbox', { name: /^finance/ }).check();
    await signIn.getByRole('button', { name: 'Save sign-in policy' }).click();
    await page.getByText('Sign-in policy saved.').waitFor();
    await shot(page, 'admin-settings');

    await page.reload();
    await page.getByRole('region', { name: 'Business information' }).waitFor();
    expect(await page.getByLabel('Federal tax id (EIN)').inputValue()).toBe('12-3456789');
    expect(await page.getByLabel('Phone').inputValue()).toBe('(512) 555-0134');
    expect(await page.getByLabel('Saturday opens').inputValue()).toBe('10:00');
    expect(await page.getByLabel('Sunday open').isChecked()).toBe(false);
    expect(await page.getByLabel('Default doc fee').inputValue()).toMatch(/^599(\.00)?$/);
    expect(await page.getByLabel('Shortest password (12–64 characters)').inputValue()).toBe('14');
    // The finance user now has to set up an authenticator before anything else.
    const login = await fetch(system.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { login(input: { username: "finance", password: "${PASSWORD}" }) { status } }`,
      }),
    });
    expect(
      ((await login.json()) as { data: { login: { status: string } } }).data.login.status,
    ).toBe('MFA_ENROLLMENT_REQUIRED');
  });

  it('messages: a wording is checked, previewed with sample values and saved', async () => {
    const messages = page.getByRole('region', { name: 'Messages' });
    await messages.getByLabel('Message').selectOption('invitation');
    await messages.getByLabel('Subject').fill('Welcome to {{dealershipName}}, {{displayName}}');
    await messages.getByLabel('HTML').fill('<p>Welcome, {{displayName}}</p>');
    await messages.getByRole('button', { name: 'Save message' }).click();
    await messages.getByText('Keep {{link}}: it is what the reader needs.').waitFor();
    await messages
      .getByLabel('HTML')
      .fill('<p>Welcome, {{displayName}}: <a href="{{link}}">choose a password</a></p>');
    await messages.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('preview-subject').waitFor();
    expect(await page.getByTestId('preview-subject').innerText()).toBe(
      'Welcome to Autolytiq Demo Motors, Jordan Rivera',
    );
    await messages.getByRole('button', { name: 'Save message' }).click();
    await messages.getByRole('button', { name: 'Back to the default' }).waitFor();
    expect(await messages.getByLabel('Message').locator('option:checked').innerText()).toBe(
      'invitation (your wording)',
    );
  });

  it('imports users from CSV: every bad line first, then all invited at once', async () => {
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.getByRole('link', { name: 'Import CSV' }).click();
    const file = (text: string) => ({
      name: 'staff.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });
    const header = 'username,displayName,email,roles';
    await page
      .getByLabel('CSV file')
      .setInputFiles(
        file(
          `${header}\ncsv-ann,Ann Csv,ann@dealer.test,salesperson\ncsv-bo,Bo Csv,not-an-address,finance\n`,
        ),
      );
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.locator('tr[data-line="3"]').waitFor();
    expect(await page.locator('tr[data-line="3"]').innerText()).toContain('email');
    expect(await page.locator('tr[data-line]').count()).toBe(1);
    await page
      .getByLabel('CSV file')
      .setInputFiles(
        file(
          `${header}\ncsv-ann,Ann Csv,ann@dealer.test,salesperson\ncsv-bo,Bo Csv,bo@dealer.test,finance;manager\n`,
        ),
      );
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('All 2 lines are good. Nothing is created yet.').waitFor();
    await page.getByRole('button', { name: 'Invite 2 users' }).click();
    await page.getByText('2 users invited.', { exact: false }).waitFor();
    await shot(page, 'admin-users-import');
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.locator('tr[data-username="csv-bo"]').waitFor();
    expect(
      await page.locator('tr[data-username="csv-bo"]').getByTestId('user-status').innerText(),
    ).toBe('Invited');
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
      expect(await sales.getByRole('link', { name: 'Settings' }).count()).toBe(0);
      await sales.goto(`${system.webUrl}/admin/settings`);
      await sales.getByText('Dealership settings need the admin.settings permission.').waitFor();
    } finally {
      await other.close();
    }
  });
});
