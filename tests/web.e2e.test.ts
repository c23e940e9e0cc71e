/// <reference lib="dom" />
// The web app in a real browser (Debian's Chromium via playwright-core) against the real system and
// the production build: sign-in and sessions, customers, inventory, the tax calculator, and budgets.
// Screenshots of each screen go to test-output/web/.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { financeDeal } from '@autolytiq/calc';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  addVehicleVia,
  createCustomerVia,
  gql,
  login,
  must,
  testVin,
} from './support.ts';
import {
  SCREENSHOTS,
  launchBrowser,
  shootOnFailure,
  shot,
  signIn,
  startWebSystem,
} from './web-support.ts';

type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;
let system: WebSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];
const budgets: Record<string, number> = {};
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const money = (amount: string) => usd.format(Number(amount));

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  // A clean clone builds the web app here first (about a minute on two cores).
  browser = await launchBrowser();
  system = await startWebSystem();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await system?.shutdown();
  if (Object.keys(budgets).length)
    writeFileSync(`${SCREENSHOTS}/budgets.json`, JSON.stringify(budgets, null, 2));
});

// Browser steps wait on a loaded two-core machine: a minute per step, not the default 30 s.
describe('web: sign-in and sessions', { timeout: 60_000 }, () => {
  it('a wrong password shows an error and stays on sign-in', async () => {
    const page = await newPage();
    await page.goto(`${system.webUrl}/sign-in`);
    await page.getByLabel('Username').fill('sales');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('.banner-error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/wrong|invalid|incorrect/i);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await shot(page, '01-sign-in-wrong-password');
  });

  it("a stranger's first page goes to sign-in without asking /auth/refresh (no 403, no error)", async () => {
    const page = await newPage();
    const refreshes: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/auth/')) refreshes.push(r.url());
    });
    // A refused refresh shows as "Failed to load resource: … 403" on the console.
    page.on('console', (m) => {
      if (m.type() === 'error' && /403|auth/i.test(m.text())) errors.push(m.text());
    });
    await page.goto(`${system.webUrl}/customers`);
    await page.waitForURL(/\/sign-in\?/);
    await page.getByLabel('Username').waitFor();
    expect({ refreshes, errors }).toEqual({ refreshes: [], errors: [] });
  });

  it('signs in with the refresh token only in an httpOnly cookie', async () => {
    const page = await newPage();
    await signIn(page, system.webUrl, 'sales');
    expect(new URL(page.url()).pathname).toBe('/');
    const cookies = await page.context().cookies();
    const refresh = cookies.find((c) => c.name === '__Secure-autolytiq_refresh');
    expect(refresh?.httpOnly).toBe(true);
    expect(refresh?.secure).toBe(true);
    expect(refresh?.sameSite).toBe('Strict');
    // Page scripts see the CSRF cookie, never the refresh token; nothing is kept in storage.
    const visible = await page.evaluate(() => ({
      cookie: document.cookie,
      local: JSON.stringify(localStorage),
      session: JSON.stringify(sessionStorage),
    }));
    expect(visible.cookie).toContain('__Host-autolytiq_csrf=');
    expect(visible.cookie).not.toContain('autolytiq_refresh');
    expect(visible.local + visible.session).not.toMatch(/ey[A-Za-z0-9_-]{10,}\./);
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await shot(page, '02-dashboard');
  });

  it('a reload keeps the session through the cookie; a lost session returns to sign-in and back', async () => {
    const page = await newPage();
    await signIn(page, system.webUrl, 'sales');
    await page.goto(`${system.webUrl}/tax`);
    await page.getByRole('heading', { name: 'Tax calculator' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Tax calculator' }).waitFor();

    // The refresh cookie is gone (expired or revoked): the next load cannot restore the session.
    await page.context().clearCookies();
    await page.goto(`${system.webUrl}/inventory?x=1`);
    await page.waitForURL(/\/sign-in\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/inventory?x=1');
    await shot(page, '03-session-expired');
    await page.getByLabel('Username').fill('sales');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inventory\?x=1$/);
    await page.getByRole('heading', { name: 'Inventory' }).waitFor();
  });
});

describe('web: customers, inventory, tax', { timeout: 60_000 }, () => {
  // Salespeople sell; adding and importing vehicles is inventory.write (managers, admins).
  let page: Page;
  let manager: Page;
  beforeAll(async () => {
    page = await newPage();
    manager = await newPage();
    await signIn(page, system.webUrl, 'sales');
    await signIn(manager, system.webUrl, 'manager');
  });
  shootOnFailure(() => ({ '': page, manager }));

  it("creates a customer, showing the server's field error first, then the timeline", async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await shot(page, '04-customers-empty');
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.getByLabel('First name').fill('Dana');
    await page.getByLabel('Last name').fill('Whitfield');
    // Passes the form's own checks; the server refuses it and names the field.
    await page.getByLabel('Phone').fill('12');
    await page.getByRole('button', { name: 'Create customer' }).click();
    const phoneError = page.locator('#c-phone-error');
    await phoneError.waitFor();
    expect((await phoneError.textContent())!.length).toBeGreaterThan(3);
    await shot(page, '05-customer-field-error');
    await page.getByLabel('Phone').fill('(512) 555-0142');
    await page.getByLabel('Email').fill('dana.whitfield@example.com');
    await page.getByLabel('Street').fill('100 Congress Ave');
    await page.getByLabel('City').fill('Austin');
    await page.getByLabel('State').fill('TX');
    await page.getByLabel('ZIP').fill('78701');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Dana Whitfield' }).waitFor();
    await page.getByLabel('Add a note').fill('Wants a midsize SUV under $30k');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Wants a midsize SUV under $30k').waitFor();
    await shot(page, '06-customer-detail');
  });

  it('finds the customer as you type (with a typo)', async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel(/Search by name/).fill('dana whitfeld');
    await page.getByRole('link', { name: 'Dana Whitfield' }).waitFor();
    await shot(page, '07-customers-search');
  });

  it('takes a credit application with the SSN masked; a salesperson has no reveal', async () => {
    await page.getByRole('link', { name: 'Dana Whitfield' }).click();
    await page.getByRole('tab', { name: 'Credit' }).click();
    await page.getByLabel('First name').fill('Dana');
    await page.getByLabel('Last name').fill('Whitfield');
    await page.getByLabel('SSN', { exact: true }).fill('512-34-7788');
    expect(await page.getByLabel('SSN', { exact: true }).getAttribute('type')).toBe('password');
    await page.getByLabel('Date of birth').fill('1988-04-12');
    await page.getByLabel('Street').fill('100 Congress Ave');
    await page.getByLabel('City').fill('Austin');
    await page.getByLabel('State').fill('TX');
    await page.getByLabel('ZIP').fill('78701');
    await page.getByLabel('Employer').fill('Acme Robotics');
    await page.getByLabel('Gross monthly income').fill('6500');
    await page.getByLabel('Monthly housing payment').fill('1400');
    await page.getByRole('button', { name: 'Save credit application' }).click();
    const app = page.getByTestId('credit-application');
    await app.waitFor();
    const text = (await app.textContent())!;
    expect(text).toContain('7788');
    expect(text).not.toContain('512-34-7788');
    expect(await page.getByRole('button', { name: /Reveal/ }).count()).toBe(0);
    await shot(page, '07b-credit-application');
  });

  // The date of birth is read masked (1985-**-**): the edit form starts it empty and sends it only
  // when a new one is typed, so an edit that does not touch it keeps the stored date.
  it('sets a date of birth, then an edit that leaves it alone keeps it; finance reveals it', async () => {
    const customerId = new URL(page.url()).pathname.split('/').pop()!;
    const finance = (await login(system.routerUrl, 'finance')).accessToken;
    const REVEAL = `mutation($id: ID!) { revealCustomerDateOfBirth(customerId: $id) { dateOfBirth } }`;
    const revealed = async () =>
      (await gql(system.routerUrl, REVEAL, { token: finance, variables: { id: customerId } })).data
        ?.revealCustomerDateOfBirth?.dateOfBirth;

    await page.getByRole('tab', { name: 'Details' }).click();
    const onFile = page.getByTestId('dob-on-file');
    expect(await onFile.textContent()).toBe('None on file.');
    await page.getByLabel('Date of birth').fill('1988-04-12');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await onFile.filter({ hasText: 'On file: 1988-**-**; leave empty to keep.' }).waitFor();
    expect(await page.getByLabel('Date of birth').inputValue()).toBe('');
    expect(await page.getByTestId('customer-dob').textContent()).toContain('1988-**-**');
    // A salesperson has no customers.pii.read: no reveal.
    expect(await page.getByRole('button', { name: 'Reveal date of birth' }).count()).toBe(0);
    expect(await revealed()).toBe('1988-04-12');

    // An edit of something else: the date field stays empty and the stored date is kept.
    await page.getByLabel('Email').fill('dana.w@example.com');
    await shot(page, '07d-customer-dob-on-file');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const CUSTOMER = `query($id: ID!) { customer(id: $id) { emails dateOfBirth birthYear } }`;
    const customer = async () =>
      (await gql(system.routerUrl, CUSTOMER, { token: finance, variables: { id: customerId } }))
        .data!.customer;
    await expect
      .poll(async () => (await customer()).emails, { timeout: 20_000 })
      .toEqual(['dana.w@example.com']);
    expect(await customer()).toEqual({
      emails: ['dana.w@example.com'],
      dateOfBirth: '1988-**-**',
      birthYear: 1988,
    });
    expect(await revealed()).toBe('1988-04-12');
    await onFile.filter({ hasText: '1988-**-**' }).waitFor();

    // Finance reveals it in the browser after a confirmation that says it is audited; it is
    // hidden again after navigating away.
    const fin = await newPage();
    await signIn(fin, system.webUrl, 'finance');
    await fin.goto(`${system.webUrl}/customers/${customerId}`);
    await fin.getByRole('button', { name: 'Reveal date of birth' }).click();
    const dialog = fin.getByRole('dialog');
    expect(await dialog.textContent()).toMatch(/audit log/);
    await shot(fin, '07e-reveal-confirm');
    await dialog.getByRole('button', { name: 'Reveal (audited)' }).click();
    expect(await fin.getByTestId('dob-revealed').textContent()).toBe('1988-04-12');
    await fin.getByRole('link', { name: 'Customers' }).click();
    await fin.getByRole('link', { name: 'Dana Whitfield' }).click();
    await fin.getByRole('button', { name: 'Reveal date of birth' }).waitFor();
    expect(await fin.getByTestId('customer-dob').textContent()).toContain('1988-**-**');
    expect(await fin.getByTestId('dob-revealed').count()).toBe(0);
    const admin = (await login(system.routerUrl, 'admin')).accessToken;
    const log = await gql(
      system.routerUrl,
      `query($c: ID) { piiRevealLog(customerId: $c) { fields revealedByUsername } }`,
      { token: admin, variables: { c: customerId } },
    );
    const byFinance = (log.data!.piiRevealLog as Array<{ revealedByUsername: string }>).filter(
      (r) => r.revealedByUsername === 'finance',
    );
    // Two API reveals above and the one in the browser.
    expect(byFinance).toHaveLength(3);
    expect(byFinance[0]).toEqual({
      fields: ['CUSTOMER_DATE_OF_BIRTH'],
      revealedByUsername: 'finance',
    });
  });

  it('corrects the employer on a credit application: field error, conflict, then saved and listed', async () => {
    const customerId = new URL(page.url()).pathname.split('/').pop()!;
    const manager = (await login(system.routerUrl, 'manager')).accessToken;
    const finance = (await login(system.routerUrl, 'finance')).accessToken;
    const READ = `query($id: ID!) { customer(id: $id) { creditApplications { id version
      applicant { monthlyHousingPayment employments { employer } }
      changes { fields changedByUsername version } } } }`;
    const read = async () =>
      (await gql(system.routerUrl, READ, { token: manager, variables: { id: customerId } })).data!
        .customer.creditApplications[0];
    const before = await read();

    await page.getByRole('tab', { name: 'Credit' }).click();
    const card = page.getByTestId('credit-application');
    await card.getByRole('button', { name: 'Edit', exact: true }).click();
    let form = page.getByRole('form', { name: 'Correct credit application' });
    await form.waitFor();
    expect(await form.getByLabel('Employer').inputValue()).toBe('Acme Robotics');
    expect(await form.getByLabel('New SSN').inputValue()).toBe('');
    expect(await form.textContent()).toContain('On file: ***-**-7788; leave empty to keep.');
    // A never-issued SSN: the server names the field, nothing changes.
    await form.getByLabel('New SSN').fill('000-12-3456');
    await form.getByRole('button', { name: 'Save correction' }).click();
    const ssnError = form.locator('[id$="-ssn-error"]');
    await ssnError.waitFor();
    expect((await ssnError.textContent())!.length).toBeGreaterThan(3);
    await shot(page, '07f-credit-correction-field-error');
    expect((await read()).version).toBe(before.version);
    await form.getByLabel('New SSN').fill('');

    // Meanwhile someone else corrects it: saving the stale form is a CONFLICT with a reload.
    const other = await gql(
      system.routerUrl,
      `mutation($id: ID!, $v: Int!, $i: CreditApplicationPatch!) {
        updateCreditApplication(id: $id, version: $v, input: $i) { version } }`,
      {
        token: manager,
        variables: {
          id: before.id,
          v: before.version,
          i: { applicant: { monthlyHousingPayment: '1450' } },
        },
      },
    );
    expect(other.errors).toBeUndefined();
    await form.getByLabel('Employer').fill('Acme Robotics Inc');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await page.getByTestId('credit-conflict').waitFor();
    await shot(page, '07g-credit-correction-conflict');
    await page.getByTestId('credit-conflict').getByRole('button', { name: 'Reload' }).click();
    form = page.getByRole('form', { name: 'Correct credit application' });
    const housing = (await read()).applicant.monthlyHousingPayment;
    expect(housing).not.toBe(before.applicant.monthlyHousingPayment);
    await expect
      .poll(() => form.getByLabel('Monthly housing payment').inputValue(), { timeout: 20_000 })
      .toBe(housing);
    expect(await form.getByLabel('Employer').inputValue()).toBe('Acme Robotics');
    await form.getByLabel('Employer').fill('Acme Robotics Inc');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await form.waitFor({ state: 'detached' });
    await card.filter({ hasText: 'Acme Robotics Inc (' }).waitFor();

    const after = await read();
    expect(after.applicant.employments[0].employer).toBe('Acme Robotics Inc');
    expect(after.applicant.monthlyHousingPayment).toBe(housing);
    expect(after.changes).toEqual([
      {
        fields: ['applicant.employments'],
        changedByUsername: 'sales',
        version: before.version + 2,
      },
      {
        fields: ['applicant.monthlyHousingPayment'],
        changedByUsername: 'manager',
        version: before.version + 1,
      },
    ]);
    const changes = page.getByTestId('credit-changes');
    await changes.filter({ hasText: 'applicant: employments' }).waitFor();
    expect(await changes.textContent()).toContain('sales');
    await shot(page, '07h-credit-correction-saved');
    // SSN and date of birth were left alone: still the sealed originals.
    const pii = await gql(
      system.routerUrl,
      `mutation($id: ID!) { revealCreditApplicationPii(applicationId: $id) { applicant { ssn dateOfBirth } } }`,
      { token: finance, variables: { id: before.id } },
    );
    expect(pii.data!.revealCreditApplicationPii.applicant).toEqual({
      ssn: '512-34-7788',
      dateOfBirth: '1988-04-12',
    });
  });

  it('imports an ADF lead into a new customer', async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('link', { name: 'Import ADF lead' }).click();
    await page.getByLabel(/ADF\/XML lead/).fill(`<?xml version="1.0"?><?ADF VERSION "1.0"?>
<adf><prospect status="new"><id sequence="1" source="web-e2e">E2E-1</id>
<requestdate>2026-11-20T14:32:10-06:00</requestdate>
<vehicle interest="buy" status="used"><year>2022</year><make>Toyota</make><model>RAV4</model></vehicle>
<customer><contact><name part="first">Lena</name><name part="last">Okafor</name>
<email>lena.okafor@example.com</email><phone>(737) 555-0188</phone></contact></customer>
<vendor><vendorname>Autolytiq Demo Motors</vendorname></vendor>
<provider><name part="full">E2E Leads</name></provider></prospect></adf>`);
    await page.getByRole('button', { name: 'Import lead' }).click();
    const result = page.getByTestId('lead-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Lena Okafor');
    await shot(page, '07c-adf-lead');
  });

  // The first decode opens the offline vPIC database (cold: a few seconds).
  it(
    'adds a vehicle by VIN with the decode pre-filling the form',
    { timeout: 90_000 },
    async () => {
      await page.getByRole('link', { name: 'Inventory' }).click();
      await page.getByRole('heading', { name: 'Inventory' }).waitFor();
      expect(await page.getByRole('link', { name: 'Add by VIN' }).count()).toBe(0);
      await manager.getByRole('link', { name: 'Inventory' }).click();
      await manager.getByRole('link', { name: 'Add by VIN' }).click();
      await manager.getByLabel('VIN').fill('KM8K2CAB4PU001140');
      await manager.getByTestId('vin-decoded').waitFor();
      expect(await manager.getByLabel('Make').inputValue()).toMatch(/hyundai/i);
      expect(await manager.getByLabel('Year').inputValue()).toBe('2023');
      await manager.getByLabel('Stock number').fill('W1001');
      await manager.getByLabel('Mileage').fill('84000');
      await manager.getByLabel('List price').fill('21995');
      await shot(manager, '08-vehicle-add-by-vin');
      await manager.getByRole('button', { name: 'Add vehicle' }).click();
      await manager.getByRole('heading', { name: /2023 Hyundai Kona/ }).waitFor();
      await shot(manager, '09-vehicle-detail');
    },
  );

  it('imports a CSV and reports the refused rows by line', async () => {
    await manager.goto(`${system.webUrl}/inventory/import`);
    const csv = [
      'VIN,Stock,Year,Make,Model,Mileage,Condition,Price',
      '1M8GDM9AXKP042788,W1002,2019,Motor Coach,J4500,120000,USED,85000',
      '1HGCM82633A123456,W1003,2003,Honda,Accord,150000,USED,3000',
    ].join('\n');
    await manager.getByLabel('CSV file').setInputFiles({
      name: 'stock.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await manager.getByRole('button', { name: 'Import' }).click();
    const report = manager.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('1 imported, 1 refused, of 2 rows');
    const refused = manager.getByRole('table', { name: 'Refused rows' });
    expect(await refused.locator('tbody tr td').first().textContent()).toBe('3');
    await shot(manager, '10-inventory-import');
  });

  it('filters the inventory list', async () => {
    await manager.getByRole('link', { name: 'Inventory' }).click();
    const rows = manager.getByRole('table', { name: 'Vehicles' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    await manager.getByLabel('Make').fill('Hyundai');
    await manager.waitForFunction(
      () => document.querySelectorAll('table[aria-label="Vehicles"] tbody tr').length === 1,
    );
    expect(await rows.first().textContent()).toContain('Hyundai');
    await shot(manager, '11-inventory-filtered');
  });

  it('quotes tax with its lines, rules and sources', async () => {
    await page.getByRole('link', { name: 'Tax calculator' }).click();
    await page.getByLabel('State').selectOption('TX');
    await page.getByLabel('Selling price').fill('30000');
    await page.getByLabel('Trade-in allowance').fill('5000');
    await page.getByRole('button', { name: 'Calculate tax' }).click();
    const result = page.getByTestId('tax-result');
    await result.waitFor();
    const lines = page.getByRole('table', { name: 'Tax lines' }).locator('tbody tr');
    expect(await lines.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('total-tax').textContent()).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(await lines.first().locator('a').getAttribute('href')).toMatch(/^https?:/);
    expect(await lines.first().getByTestId('line-origin').textContent()).toBe('State rule');
    await shot(page, '12-tax-calculator');
  });

  it('places a Washington quote at the dealership’s ZIP and says where each rate came from', async () => {
    await page.getByLabel('State').selectOption('WA');
    await page.getByLabel('ZIP (local rates)').fill('98052');
    await page.getByLabel(/^Dealership ZIP/).fill('98101');
    await page.getByLabel('Selling price').fill('30000');
    await page.getByLabel('Trade-in allowance').fill('');
    await page.getByRole('button', { name: 'Calculate tax' }).click();
    // 30000 × 7% WA state + motor vehicle tax = 2100; Seattle (DOR location 1726) 4.05% = 1215.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="total-tax"]')?.textContent === '$3,315.00',
    );
    const origins = await page.getByTestId('line-origin').allTextContents();
    expect(origins).toEqual(['State rule', 'Published local rate']);
    const lines = page.getByRole('table', { name: 'Tax lines' }).locator('tbody tr');
    expect(await lines.nth(1).textContent()).toMatch(/Seattle local sales tax/);
    await shot(page, '12b-tax-dealer-located');
  });
});

describe('web: desking a deal (golden path)', { timeout: 60_000 }, () => {
  let sales: Page;
  let manager: Page;
  let dealUrl = '';
  beforeAll(async () => {
    sales = await newPage();
    manager = await newPage();
    await signIn(sales, system.webUrl, 'sales');
    await signIn(manager, system.webUrl, 'manager');
  });
  shootOnFailure(() => ({ sales, manager }));

  it('sales creates a deal with a finance scenario', async () => {
    await sales.getByRole('link', { name: 'Deals' }).click();
    await sales.getByRole('heading', { name: 'Deals' }).waitFor();
    await sales.getByRole('link', { name: 'New deal' }).click();
    await sales.getByLabel('Buyer', { exact: true }).fill('Whitfield');
    await sales.getByRole('radio', { name: /Dana Whitfield/ }).check();
    await sales.getByLabel('Vehicle', { exact: true }).fill('Kona');
    await sales.getByRole('radio', { name: /Hyundai Kona/ }).check();
    await sales.getByLabel('APR %').fill('6.9');
    await sales.getByLabel('Term (months)').fill('60');
    await sales.getByLabel('Down payment').fill('2000');
    await shot(sales, '13-deal-new');
    await sales.getByRole('button', { name: 'Create deal' }).click();
    await sales.getByTestId('scenario-FINANCE').waitFor();
    dealUrl = sales.url();
    expect(await sales.getByTestId('deal-status').textContent()).toBe('Draft');
    expect(await sales.getByTestId('scenario-FINANCE').textContent()).toMatch(/\$[\d,]+\.\d\d\/mo/);
  });

  it('the grid updates as the down payment changes, and the server confirms it', async () => {
    const grid = sales.getByRole('table', { name: 'Payments by term and down payment' });
    await grid.waitFor();
    await sales.getByTestId('grid-status').filter({ hasText: 'Confirmed' }).waitFor();
    const before = await grid.locator('tbody tr').first().locator('td').first().textContent();
    await sales.getByLabel('Down payments').fill('4000 6000');
    await sales.waitForFunction(
      () => document.querySelectorAll('table[aria-label^="Payments"] thead th').length === 3,
    );
    const after = await grid.locator('tbody tr').first().locator('td').first().textContent();
    expect(after).not.toBe(before);
    await sales.getByTestId('grid-status').filter({ hasText: 'Confirmed' }).waitFor();
    await shot(sales, '14-desk');
  });

  it('adds a cash scenario beside it, and a grid cell becomes the finance terms', async () => {
    await sales.getByLabel('Scenario kind').selectOption('CASH');
    await sales.getByRole('button', { name: 'Add scenario' }).click();
    await sales.getByTestId('scenario-CASH').waitFor();
    expect(await sales.getByTestId('scenario-FINANCE').count()).toBe(1);
    await sales.getByTitle('Use 72 months with $6,000.00 down').click();
    await sales
      .getByTestId('scenario-FINANCE')
      .filter({ hasText: '72 mo at 6.90% · $6,000.00 down' })
      .waitFor();
    await shot(sales, '14b-desk-scenarios');
  });

  it('sales edits the price and adds a trade-in with payoff; the finance scenario follows the engine', async () => {
    const finance = sales.getByTestId('scenario-FINANCE');
    const before = (await finance.textContent())!;
    await sales.getByRole('button', { name: 'Edit deal' }).click();
    const form = sales.getByRole('form', { name: 'Edit deal' });
    await form.getByLabel('Selling price', { exact: true }).fill('20995');
    await form.getByRole('button', { name: 'Add trade-in' }).click();
    await form.getByLabel('Year', { exact: true }).fill('2016');
    await form.getByLabel('Make', { exact: true }).fill('Honda');
    await form.getByLabel('Model', { exact: true }).fill('Civic');
    await form.getByLabel('Mileage', { exact: true }).fill('91000');
    await form.getByLabel('Allowance', { exact: true }).fill('7000');
    await form.getByLabel('Payoff', { exact: true }).fill('3200');
    await form.getByLabel('Lienholder', { exact: true }).fill('Capital One Auto');
    await shot(sales, '14b-desk-editing');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await sales
      .getByRole('table', { name: 'Price structure' })
      .getByText('Trade-in 2016 Honda Civic')
      .waitFor();

    // What the deal now holds, through the API, and what the calc engine gives for those inputs.
    const id = dealUrl.split('/').pop()!;
    const { accessToken } = await login(system.routerUrl, 'sales');
    const read = await gql(
      system.routerUrl,
      `query($id: ID!) { deal(id: $id) { id dealDate buyerState buyerZip vehicleCondition
        sellingPrice accessories dealerDiscount docFee titleFee registrationFee
        rebates { amount } tradeIns { allowance payoff } products { kind name price }
        scenarios { selected kind finance { apr termMonths downPayment firstPaymentDate }
          truthInLending { amountFinanced monthlyPayment } } } }`,
      { variables: { id }, token: accessToken },
    );
    const deal = read.data!.deal;
    expect(deal.sellingPrice).toBe('20995.00');
    expect(deal.tradeIns).toEqual([{ allowance: '7000.00', payoff: '3200.00' }]);
    expect(deal.rebates).toEqual([]);
    expect(deal.products).toEqual([]);
    const scenario = deal.scenarios.find((s: { kind: string }) => s.kind === 'FINANCE');
    const terms = scenario.finance;
    // The deal → engine mapping of the deals service, for a deal without rebates or products.
    const expected = financeDeal({
      kind: 'FINANCE',
      state: deal.buyerState,
      ...(deal.buyerZip ? { zip: deal.buyerZip } : {}),
      vehicleCondition: deal.vehicleCondition,
      sellingPrice: '20995.00',
      accessories: deal.accessories,
      manufacturerRebate: '0.00',
      dealerRebate: deal.dealerDiscount,
      tradeInAllowance: '7000.00',
      tradeInPayoff: '3200.00',
      docFee: deal.docFee,
      ...(deal.titleFee ? { titleFee: deal.titleFee } : {}),
      ...(deal.registrationFee ? { registrationFee: deal.registrationFee } : {}),
      serviceContract: '0.00',
      gap: '0.00',
      dealDate: deal.dealDate,
      contractDate: deal.dealDate,
      ...(terms.firstPaymentDate ? { firstPaymentDate: terms.firstPaymentDate } : {}),
      apr: terms.apr,
      termMonths: terms.termMonths,
      downPayment: terms.downPayment,
    } as Parameters<typeof financeDeal>[0]);
    const amountFinanced = expected.amountFinanced.toFixed(2);
    const monthly = expected.monthlyPayment.toFixed(2);
    expect(scenario.truthInLending).toEqual({ amountFinanced, monthlyPayment: monthly });
    // The desk shows the new numbers (and they differ from before the edit).
    await finance.filter({ hasText: `${money(monthly)}/mo` }).waitFor();
    const after = (await finance.textContent())!;
    expect(after).toContain(money(amountFinanced));
    expect(before).not.toContain(`${money(monthly)}/mo`);
    expect(before).not.toContain(money(amountFinanced));
    await shot(sales, '14b-desk-edited');
  });

  it('sales submits; no approve button for a salesperson, and the API refuses it too', async () => {
    await sales.getByRole('button', { name: 'Submit for approval' }).click();
    await sales.getByTestId('deal-status').filter({ hasText: 'Submitted' }).waitFor();
    expect(await sales.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    const id = dealUrl.split('/').pop()!;
    const { accessToken } = await login(system.routerUrl, 'sales');
    const read = await gql(system.routerUrl, 'query($id: ID!) { deal(id: $id) { version } }', {
      variables: { id },
      token: accessToken,
    });
    const refused = await gql(
      system.routerUrl,
      'mutation($id: ID!, $v: Int!) { approveDeal(id: $id, version: $v) { status } }',
      { variables: { id, v: read.data!.deal.version }, token: accessToken },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await shot(sales, '15-deal-submitted');
  });

  it('the manager approves from the desk; the history shows it; the recap prints', async () => {
    await manager.goto(dealUrl);
    await manager.getByRole('button', { name: 'Approve' }).click();
    // The car has no cost on file: the server asks for a second look before approving.
    const confirm = manager.getByRole('dialog');
    expect(await confirm.getByTestId('action-confirmation').textContent()).toMatch(/unknown/);
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await manager.getByTestId('deal-status').filter({ hasText: 'Approved' }).waitFor();
    const history = manager.getByRole('list', { name: 'Deal history' });
    expect(await history.textContent()).toMatch(/Submitted → Approved/);
    await shot(manager, '16-deal-approved');
    await manager.getByRole('link', { name: 'Printable recap' }).click();
    await manager.getByRole('heading', { name: 'Deal recap' }).waitFor();
    await manager.emulateMedia({ media: 'print' });
    await shot(manager, '17-deal-recap-print');
    await manager.emulateMedia({ media: 'screen' });
  });

  it('after approval an edit warns first and sends the deal back; a stale desk is told to reload', async () => {
    // A second desk open on the same deal, which will fall behind.
    const stale = await newPage();
    await signIn(stale, system.webUrl, 'sales');
    await stale.goto(dealUrl);
    await stale.getByTestId('deal-status').filter({ hasText: 'Approved' }).waitFor();
    // Its editor is open with a typed change while the deal moves on. The desk itself refreshes live
    // (someone else's change), but the open form keeps the version it was opened on.
    await stale.getByRole('button', { name: 'Edit deal' }).click();
    await stale.getByLabel('Doc fee', { exact: true }).fill('150');

    await sales.goto(dealUrl);
    await sales.getByTestId('deal-status').filter({ hasText: 'Approved' }).waitFor();
    // A payment-grid cell is an edit too: it asks first, and "Back" leaves the deal approved.
    await sales.getByTitle('Use 48 months with $2,500.00 down').click();
    await sales.getByRole('button', { name: 'Change and resubmit' }).waitFor();
    await sales.getByRole('button', { name: 'Back' }).click();
    await sales.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await sales.getByTestId('deal-status').textContent()).toMatch(/Approved/);
    await sales.getByRole('button', { name: 'Select Cash' }).click();
    const confirm = sales.getByRole('button', { name: 'Change and resubmit' });
    await confirm.waitFor();
    expect(await sales.getByRole('dialog').textContent()).toMatch(/back to Submitted/);
    await confirm.click();
    await sales.getByTestId('deal-status').filter({ hasText: 'Submitted' }).waitFor();
    await sales.getByTestId('scenario-CASH').filter({ hasText: 'Selected' }).waitFor();
    await sales.getByRole('button', { name: 'Remove Cash' }).click();
    await sales.getByRole('button', { name: 'Change and resubmit' }).click();
    await sales.getByTestId('scenario-CASH').waitFor({ state: 'detached' });
    expect(await sales.getByTestId('scenario-FINANCE').count()).toBe(1);

    await stale.getByRole('button', { name: 'Save changes' }).click();
    // The desk already shows the deal as Submitted, so the resubmit warning may not be asked again.
    const resubmit = stale.getByRole('button', { name: 'Change and resubmit' });
    const conflict = stale.getByTestId('deal-conflict');
    await resubmit.or(conflict).first().waitFor();
    if (await resubmit.isVisible()) await resubmit.click();
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/Someone else changed this deal/);
    await shot(stale, '16b-desk-conflict');
    // The desk has read the new version by itself; the stale edit is dropped on request.
    await conflict.getByRole('button', { name: 'Discard my changes' }).click();
    await stale.getByTestId('deal-status').filter({ hasText: 'Submitted' }).waitFor();
    expect(await stale.getByTestId('scenario-CASH').count()).toBe(0);
  });
});

// The rest of the deal on the desk: where tax is computed (buyer state/ZIP), the title fee, the
// co-buyer (set and cleared) and the vehicle (swapped for another AVAILABLE one), by a desk manager.
describe('web: desking the tax place, fees, co-buyer and vehicle', { timeout: 60_000 }, () => {
  let desk: Page;
  let token = '';
  let dealId = '';
  const ids = { buyer: '', coBuyer: '', honda: '', mazda: '', mazdaInTransit: '' };
  const DEAL = `query($id: ID!) { deal(id: $id) { id version buyerState buyerZip titleFee sellingPrice
    coBuyer { id } vehicle { id status }
    selectedScenario { kind totalTax dueFromBuyer lines { label amount } } } }`;
  const read = async () =>
    (await gql(system.routerUrl, DEAL, { variables: { id: dealId }, token })).data!.deal;

  const vin = (serial: number) => testVin('JM3KFBCM0PA', serial);
  const customer = (firstName: string) =>
    createCustomerVia(system.routerUrl, token, {
      firstName,
      lastName: 'Delgado',
      addresses: [{ line1: '500 W 2nd St', city: 'Austin', state: 'TX', zip: '78701' }],
    });
  const vehicle = (
    serial: number,
    make: string,
    model: string,
    listPrice: string,
    status = 'AVAILABLE',
  ) =>
    addVehicleVia(system.routerUrl, token, {
      vin: vin(serial),
      stockNumber: `E${serial}`,
      year: 2023,
      make,
      model,
      mileage: 12000,
      condition: 'USED',
      listPrice,
      msrp: listPrice, // a lease needs it
      cost: '15000.00',
      status,
    });

  beforeAll(async () => {
    token = (await login(system.routerUrl, 'manager')).accessToken;
    ids.buyer = await customer('Rosa');
    ids.coBuyer = await customer('Miguel');
    ids.honda = await vehicle(2001, 'Honda', 'Accord', '24500.00');
    ids.mazda = await vehicle(2002, 'Mazda', 'CX-5', '27500.00');
    ids.mazdaInTransit = await vehicle(2003, 'Mazda', 'CX-30', '26000.00', 'IN_TRANSIT');
    const created = must(
      await gql(
        system.routerUrl,
        `mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }`,
        {
          token,
          variables: {
            i: {
              buyerId: ids.buyer,
              vehicleId: ids.honda,
              buyerState: 'TX',
              buyerZip: '78701',
              docFee: '150',
              scenarios: [
                { kind: 'CASH', name: 'Cash', select: true },
                {
                  kind: 'FINANCE',
                  name: 'Finance',
                  finance: { apr: '6.9', termMonths: 60, downPayment: '2000' },
                },
              ],
            },
          },
        },
      ),
    );
    dealId = created.createDeal.id;
    desk = await newPage();
    await signIn(desk, system.webUrl, 'manager');
    await desk.goto(`${system.webUrl}/deals/${dealId}`);
    await desk.getByTestId('scenario-CASH').waitFor();
  });
  shootOnFailure(() => ({ '': desk }));

  const openEditor = async () => {
    await desk.getByRole('button', { name: 'Edit deal' }).click();
    const form = desk.getByRole('form', { name: 'Edit deal' });
    await form.waitFor();
    return form;
  };
  const save = async (form: ReturnType<Page['getByRole']>) => {
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
  };

  it('a new buyer state/ZIP and title fee change the tax and total on the desk', async () => {
    const before = await read();
    expect(before.selectedScenario.kind).toBe('CASH');
    const cash = desk.getByTestId('scenario-CASH');
    expect(await cash.textContent()).toContain(money(before.selectedScenario.totalTax));
    const form = await openEditor();
    expect(await form.textContent()).toContain('Tax is computed for this state/ZIP');
    expect(await form.getByLabel('Buyer state').inputValue()).toBe('TX');
    expect(await form.getByLabel('Buyer ZIP').inputValue()).toBe('78701');
    expect(await form.getByLabel('Title fee', { exact: true }).inputValue()).toBe('');
    // A state whose doc-fee cap the deal's doc fee is over: the server names the field, nothing changes.
    await form.getByLabel('Buyer state').fill('WA');
    await form.getByLabel('Doc fee', { exact: true }).fill('250');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const capError = form.locator('#d-docFee-error');
    await capError.waitFor();
    expect(await capError.textContent()).toMatch(/WA cap of 200\.00/);
    expect((await read()).version).toBe(before.version);
    await form.getByLabel('Doc fee', { exact: true }).fill('150.00');
    await form.getByLabel('Buyer state').fill('ok');
    await form.getByLabel('Buyer ZIP').fill('73102');
    await form.getByLabel('Title fee', { exact: true }).fill('99.50');
    await shot(desk, '18-desk-tax-place');
    await save(form);
    await desk.getByTestId('deal-parties').filter({ hasText: 'Tax for OK 73102' }).waitFor();

    const after = await read();
    expect(after).toMatchObject({ buyerState: 'OK', buyerZip: '73102', titleFee: '99.50' });
    const s = after.selectedScenario;
    expect(s.totalTax).not.toBe(before.selectedScenario.totalTax);
    expect(s.dueFromBuyer).not.toBe(before.selectedScenario.dueFromBuyer);
    expect(s.lines.some((l: { amount: string }) => l.amount === '99.50')).toBe(true);
    // The desk shows the new tax and total, and the tax lines are Oklahoma's.
    await cash.filter({ hasText: money(s.totalTax) }).waitFor();
    const text = (await cash.textContent())!;
    expect(text).toContain(money(s.dueFromBuyer));
    expect(text).not.toContain(money(before.selectedScenario.totalTax));
    expect(await desk.getByRole('table', { name: 'Deal tax lines' }).textContent()).toMatch(/OK/);
    await shot(desk, '19-desk-tax-place-saved');
  });

  it('sets a co-buyer from a customer search, then clears it', async () => {
    let form = await openEditor();
    expect(await form.getByTestId('co-buyer-current').textContent()).toBe('No co-buyer');
    await form.getByLabel('Find a co-buyer').fill('Delgado');
    // The buyer is not offered as their own co-buyer.
    await form.getByRole('radio', { name: /Miguel Delgado/ }).waitFor();
    expect(await form.getByRole('radio', { name: /Rosa Delgado/ }).count()).toBe(0);
    await form.getByRole('radio', { name: /Miguel Delgado/ }).check();
    expect(await form.getByTestId('co-buyer-current').textContent()).toBe('Miguel Delgado');
    await save(form);
    await desk.getByTestId('deal-parties').filter({ hasText: 'Co-buyer Miguel Delgado' }).waitFor();
    expect((await read()).coBuyer).toEqual({ id: ids.coBuyer });
    // The parties link to their records: the co-buyer's customer page, the buyer's, the vehicle's.
    const parties = desk.getByTestId('deal-parties');
    expect(await parties.getByRole('link', { name: 'Miguel Delgado' }).getAttribute('href')).toBe(
      `/customers/${ids.coBuyer}`,
    );
    expect(
      await desk.getByRole('heading', { level: 1 }).getByRole('link').getAttribute('href'),
    ).toBe(`/customers/${ids.buyer}`);
    expect(await parties.getByRole('link', { name: /^E\d+$/ }).getAttribute('href')).toMatch(
      /^\/inventory\/[0-9a-f-]{36}$/,
    );
    expect(await desk.getByRole('list', { name: 'Deal history' }).textContent()).toContain(
      'co-buyer',
    );
    await shot(desk, '20-desk-co-buyer');
    // The printable recap names both buyers.
    await desk.getByRole('link', { name: 'Printable recap' }).click();
    await desk.getByText('Rosa Delgado & Miguel Delgado').waitFor();
    await desk.goBack();
    await desk.getByTestId('scenario-CASH').waitFor();

    form = await openEditor();
    await form.getByRole('button', { name: 'Remove co-buyer' }).click();
    expect(await form.getByTestId('co-buyer-current').textContent()).toBe('No co-buyer');
    await save(form);
    await desk.getByTestId('deal-parties').filter({ hasNotText: 'Co-buyer' }).waitFor();
    expect((await read()).coBuyer).toBeNull();
  });

  it('swaps the vehicle for another available one (at its list price)', async () => {
    const form = await openEditor();
    expect(await form.getByTestId('vehicle-current').textContent()).toContain('Honda Accord');
    await form.getByLabel('Find another vehicle').fill('Mazda');
    await form.getByRole('radio', { name: /Mazda CX-5/ }).waitFor();
    // Only AVAILABLE vehicles: the one in transit is not offered.
    expect(await form.getByRole('radio', { name: /CX-30/ }).count()).toBe(0);
    await form.getByRole('radio', { name: /Mazda CX-5/ }).check();
    await form.getByRole('button', { name: 'Use its list price ($27,500.00)' }).click();
    expect(await form.getByLabel('Selling price', { exact: true }).inputValue()).toBe('27500.00');
    await shot(desk, '21-desk-vehicle-swap');
    await save(form);
    await desk.getByRole('heading', { level: 1 }).filter({ hasText: 'Mazda CX-5' }).waitFor();
    const after = await read();
    expect(after.vehicle.id).toBe(ids.mazda);
    expect(after.sellingPrice).toBe('27500.00');
    expect(await desk.getByTestId('deal-parties').textContent()).toContain('stock E2002');
    await desk
      .getByTestId('scenario-CASH')
      .filter({ hasText: money(after.selectedScenario.dueFromBuyer) })
      .waitFor();
  });

  it('a lease deal shows the lease grid; a cell becomes the lease terms, lender and fee kept', async () => {
    const LEASE = `query($id: ID!) { deal(id: $id) { version scenarios { id kind monthlyPayment
      dueFromBuyer lease { lender moneyFactor residualPercent residualValue termMonths cashDown
      acquisitionFee } } } }`;
    const leaseOf = async () => {
      const d = (await gql(system.routerUrl, LEASE, { variables: { id: dealId }, token })).data!
        .deal;
      return {
        version: d.version,
        s: d.scenarios.find((x: { kind: string }) => x.kind === 'LEASE'),
      };
    };
    must(
      await gql(
        system.routerUrl,
        `mutation($id: ID!, $v: Int!, $i: ScenarioInput!) { addScenario(dealId: $id, version: $v, input: $i) { id } }`,
        {
          token,
          variables: {
            id: dealId,
            v: (await read()).version,
            i: {
              kind: 'LEASE',
              name: 'Lease',
              lease: {
                lender: 'Mazda Financial',
                moneyFactor: '0.00185',
                // The vehicle has no MSRP on file: the residual is given in dollars.
                residualValue: '16000',
                termMonths: 36,
                cashDown: '2000',
                acquisitionFee: '650',
              },
            },
          },
        },
      ),
    );
    const before = (await leaseOf()).s;
    await desk.reload();
    const grid = desk.getByRole('table', { name: 'Lease payments by term and cash down' });
    await grid.waitFor();
    // The 36-month / $2,000 cell is the lease scenario itself.
    const cell = grid.getByRole('button', { name: /^Lease 36 months with \$2,000\.00 down/ });
    expect(await cell.getAttribute('aria-label')).toBe(
      `Lease 36 months with $2,000.00 down: ${money(before.monthlyPayment)} a month, ` +
        `${money(before.dueFromBuyer)} at signing`,
    );
    expect(await cell.textContent()).toContain(money(before.monthlyPayment));
    await shot(desk, '22-desk-lease-grid');
    await grid.getByRole('button', { name: /^Lease 48 months with \$3,000\.00 down/ }).click();
    const deadline = Date.now() + 10_000;
    let after = await leaseOf();
    while (after.s.lease.termMonths !== 48 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      after = await leaseOf();
    }
    expect(after.s.lease).toMatchObject({
      lender: 'Mazda Financial',
      moneyFactor: '0.00185',
      residualPercent: null,
      residualValue: '16000.00',
      termMonths: 48,
      cashDown: '3000.00',
      acquisitionFee: '650.00',
    });
  });
});

/**
 * First-load JS as Next counts it: the scripts the page's HTML names, gzipped. What a page imports
 * on demand (the calc engine, next/dynamic editors) is loaded after that and is not counted.
 */
async function firstLoadJs(url: string) {
  const html = await (await fetch(url)).text();
  // (noModule polyfills are skipped by every browser that runs the app.)
  const srcs = [...html.matchAll(/<script([^>]+)src="([^"]+)"[^>]*>/g)]
    .filter((m) => !/nomodule/i.test(m[0]))
    .map((m) => m[2]!);
  let gzip = 0;
  let raw = 0;
  let text = '';
  for (const src of new Set(srcs)) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
    text += body.toString('utf8');
  }
  return { gzip, raw, text, srcs };
}

// Adding a vehicle by hand with everything a lease and gross need (MSRP, invoice, dealer cost, status,
// in-stock date), then editing it on its page: only changed fields are sent with the version, server
// field errors land on their field, a stale edit offers a reload. Invoice and cost are the manager's.
describe('web: vehicles — add with MSRP and cost, edit', { timeout: 60_000 }, () => {
  let manager: Page;
  let token = '';
  let vehicleUrl = '';
  let vehicleId = '';
  const vin = (serial: number) => testVin('1FTFW1E50MF', serial); // 2021 Ford F-150 in vPIC
  const VEHICLE = `query($id: ID!) { vehicle(id: $id) { id vin stockNumber year make model engine
    interiorColor mileage listPrice msrp invoice cost status inStockDate version } }`;
  const read = async () => {
    const res = await gql(system.routerUrl, VEHICLE, { variables: { id: vehicleId }, token });
    if (!res.data?.vehicle) throw new Error(JSON.stringify(res.errors));
    return res.data.vehicle;
  };
  const cell = (page: Page, label: string) =>
    page.locator(`table[aria-label="Vehicle"] tr:has(th:text-is("${label}")) td`);

  beforeAll(async () => {
    manager = await newPage();
    await signIn(manager, system.webUrl, 'manager');
    token = (await login(system.routerUrl, 'manager')).accessToken;
    // Already in stock: adding its VIN again is refused by the server.
    const res = await gql(
      system.routerUrl,
      `mutation($i: AddVehicleInput!) { addVehicle(input: $i) { id } }`,
      {
        token,
        variables: {
          i: {
            vin: vin(900101),
            stockNumber: 'F2000',
            year: 2021,
            make: 'Ford',
            model: 'F-150',
            mileage: 30000,
            condition: 'USED',
          },
        },
      },
    );
    expect(res.errors).toBeUndefined();
  });
  shootOnFailure(() => ({ '': manager }));

  // The first decode may open the offline vPIC database (cold: a few seconds).
  it(
    'adds a vehicle with MSRP, invoice and dealer cost; a duplicate VIN is refused on its field',
    { timeout: 90_000 },
    async () => {
      await manager.goto(`${system.webUrl}/inventory/new`);
      await manager.getByLabel('VIN').fill(vin(900101));
      await manager.getByTestId('vin-decoded').waitFor();
      expect(await manager.getByLabel('Make').inputValue()).toBe('Ford');
      expect(await manager.getByLabel('Engine').inputValue()).toMatch(/5\.0L/);
      await manager.getByLabel('Stock number').fill('F2001');
      await manager.getByLabel('Mileage').fill('12,500');
      await manager.getByLabel('Interior color').fill('Black');
      await manager.getByLabel('MSRP').fill('58,240');
      await manager.getByLabel('Invoice').fill('55100.00');
      await manager.getByLabel('Dealer cost').fill('54,375.50');
      await manager.getByLabel('List price').fill('52995');
      await manager.getByLabel('Status').selectOption('IN_TRANSIT');
      await manager.getByLabel('In-stock date').fill('2026-11-20');
      await manager.getByRole('button', { name: 'Add vehicle' }).click();
      // The form's checks pass; the server refuses the VIN already in stock and names the field.
      const vinError = manager.locator('#v-vin-error');
      await vinError.waitFor();
      expect(await vinError.textContent()).toMatch(/already in this dealership/);
      await shot(manager, '30-vehicle-add-duplicate-vin');

      await manager.getByLabel('VIN').fill(vin(900102));
      await manager.getByTestId('vin-decoded').waitFor();
      await shot(manager, '31-vehicle-add-pricing');
      await manager.getByRole('button', { name: 'Add vehicle' }).click();
      await manager.getByRole('heading', { name: /2021 Ford F-150/ }).waitFor();
      vehicleUrl = manager.url();
      vehicleId = vehicleUrl.split('/').pop()!;
      await cell(manager, 'Dealer cost').filter({ hasText: '$54,375.50' }).waitFor();
      expect(await cell(manager, 'MSRP').textContent()).toBe('$58,240.00');
      expect(await cell(manager, 'Invoice').textContent()).toBe('$55,100.00');
      expect(await cell(manager, 'Status').textContent()).toBe('In transit');
      await shot(manager, '32-vehicle-added');

      expect(await read()).toMatchObject({
        vin: vin(900102),
        stockNumber: 'F2001',
        year: 2021,
        make: 'Ford',
        model: 'F-150',
        engine: expect.stringMatching(/5\.0L/),
        interiorColor: 'Black',
        mileage: 12500,
        msrp: '58240.00',
        invoice: '55100.00',
        cost: '54375.50',
        listPrice: '52995.00',
        status: 'IN_TRANSIT',
        inStockDate: '2026-11-20',
        version: 1,
      });
    },
  );

  const openEditor = async () => {
    await manager.getByRole('button', { name: 'Edit vehicle' }).click();
    const form = manager.getByRole('form', { name: 'Edit vehicle' });
    await form.waitFor();
    // The editor opens with the cursor in the list price; type only once it is there.
    await manager.waitForFunction(() => document.activeElement?.id === 've-listPrice');
    return form;
  };

  it('edits the list price, mileage, cost and status, sending only what changed', async () => {
    const form = await openEditor();
    expect(await form.getByLabel('Dealer cost').inputValue()).toBe('54375.50');
    await form.getByLabel('List price').fill('50,995');
    await form.getByLabel('Mileage').fill('12750');
    await form.getByLabel('Dealer cost').fill('55125.50'); // after reconditioning
    await form.getByLabel('Status').selectOption('AVAILABLE');
    await shot(manager, '33-vehicle-edit');
    const sent = manager.waitForRequest(
      (r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('updateVehicle'),
    );
    await form.getByRole('button', { name: 'Save changes' }).click();
    const { variables } = JSON.parse((await sent).postData()!) as {
      variables: { input: Record<string, unknown> };
    };
    expect(variables.input).toEqual({
      id: vehicleId,
      version: 1,
      listPrice: '50995.00',
      mileage: 12750,
      cost: '55125.50',
      status: 'AVAILABLE',
    });
    await form.waitFor({ state: 'detached' });
    await cell(manager, 'List price').filter({ hasText: '$50,995.00' }).waitFor();
    expect(await cell(manager, 'Mileage').textContent()).toBe('12,750');
    expect(await cell(manager, 'Dealer cost').textContent()).toBe('$55,125.50');
    expect(await cell(manager, 'Status').textContent()).toBe('Available');
    expect(await read()).toMatchObject({
      listPrice: '50995.00',
      mileage: 12750,
      cost: '55125.50',
      status: 'AVAILABLE',
      msrp: '58240.00',
      version: 2,
    });
  });

  it('a server error lands on its field; a stale edit offers a reload', async () => {
    const form = await openEditor();
    // Whole miles pass the form; the server's range (at most 2,000,000) is refused on the field.
    await form.getByLabel('Mileage').fill('2500000');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const mileageError = manager.locator('#ve-mileage-error');
    await mileageError.waitFor();
    expect(await mileageError.textContent()).toMatch(/2,000,000/);
    await shot(manager, '34-vehicle-edit-field-error');
    expect((await read()).mileage).toBe(12750);

    // Someone else drops the price meanwhile: saving the stale form is a CONFLICT, then a reload.
    const other = await gql(
      system.routerUrl,
      `mutation($i: UpdateVehicleInput!) { updateVehicle(input: $i) { version } }`,
      { token, variables: { i: { id: vehicleId, version: 2, listPrice: '49995' } } },
    );
    expect(other.data?.updateVehicle.version).toBe(3);
    await form.getByLabel('Mileage').fill('12900');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await manager.getByTestId('vehicle-conflict').waitFor();
    await shot(manager, '35-vehicle-edit-conflict');
    await manager.getByRole('button', { name: 'Reload' }).click();
    await manager.getByTestId('vehicle-conflict').waitFor({ state: 'detached' });
    expect(await form.getByLabel('List price').inputValue()).toBe('49995.00');
    await form.getByLabel('Mileage').fill('12900');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await cell(manager, 'Mileage').filter({ hasText: '12,900' }).waitFor();
    expect(await read()).toMatchObject({ mileage: 12900, listPrice: '49995.00', version: 4 });
  });

  it('a salesperson sees neither invoice, dealer cost nor the editor', async () => {
    const sales = await newPage();
    await signIn(sales, system.webUrl, 'sales');
    await sales.goto(vehicleUrl);
    await sales.getByRole('heading', { name: /2021 Ford F-150/ }).waitFor();
    expect(await cell(sales, 'List price').textContent()).toBe('$49,995.00');
    expect(await cell(sales, 'Dealer cost').count()).toBe(0);
    expect(await cell(sales, 'Invoice').count()).toBe(0);
    expect(await sales.getByRole('button', { name: 'Edit vehicle' }).count()).toBe(0);
  });

  it('a VIN the VIN database does not know is added with the details typed', async () => {
    await manager.goto(`${system.webUrl}/inventory/new`);
    const unknown = testVin('1ZZAB12A0R0', 900201); // valid check digit, unknown WMI
    await manager.getByLabel('VIN').fill(unknown);
    await manager.getByTestId('vin-unknown').waitFor();
    await manager.getByLabel('Stock number').fill('F2002');
    await manager.getByLabel('Mileage').fill('5');
    await manager.getByLabel('MSRP').fill('189000');
    await manager.getByRole('button', { name: 'Add vehicle' }).click();
    await manager.locator('#v-make-error').waitFor();
    await manager.getByLabel('Year').fill('2024');
    await manager.getByLabel('Make').fill('Airstream');
    await manager.getByLabel('Model').fill('Interstate');
    await manager.getByRole('button', { name: 'Add vehicle' }).click();
    await manager.getByRole('heading', { name: /2024 Airstream Interstate/ }).waitFor();
    vehicleId = manager.url().split('/').pop()!;
    expect(await read()).toMatchObject({ vin: unknown, msrp: '189000.00', mileage: 5 });
  });
});

describe('web: customers and stock — merge duplicates, stock numbers', { timeout: 60_000 }, () => {
  let manager: Page;
  let token = '';
  let survivorId = '';
  let duplicateId = '';
  let dealId = '';
  const CREATE = `mutation($i: CustomerInput!) {
    createCustomer(input: $i, confirmNotDuplicate: true) { customer { id } } }`;

  beforeAll(async () => {
    manager = await newPage();
    await signIn(manager, system.webUrl, 'manager');
    token = (await login(system.routerUrl, 'manager')).accessToken;
    const create = async (i: Record<string, unknown>) => {
      const res = await gql(system.routerUrl, CREATE, { token, variables: { i } });
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.createCustomer.customer.id as string;
    };
    survivorId = await create({
      kind: 'INDIVIDUAL',
      firstName: 'Rosalind',
      lastName: 'Okafor',
      emails: ['rosalind.okafor@example.com'],
      phones: [{ number: '(303) 555-0161', kind: 'MOBILE' }],
    });
    duplicateId = await create({
      kind: 'INDIVIDUAL',
      firstName: 'Roz',
      lastName: 'Okafor',
      emails: ['roz@okafor.example'],
      phones: [{ number: '303-555-0162', kind: 'WORK' }],
    });
    await gql(
      system.routerUrl,
      'mutation($c: ID!) { addCustomerNote(customerId: $c, body: "Trade-in: 2014 Civic") { id } }',
      { token, variables: { c: duplicateId } },
    );
    const vehicle = await gql(
      system.routerUrl,
      'mutation($i: AddVehicleInput!) { addVehicle(input: $i) { id } }',
      {
        token,
        variables: {
          i: {
            vin: testVin('1FTFW1E50MF', 900301),
            stockNumber: 'G3001',
            year: 2021,
            make: 'Ford',
            model: 'F-150',
            mileage: 20000,
            condition: 'USED',
            listPrice: '38995',
          },
        },
      },
    );
    const deal = await gql(
      system.routerUrl,
      'mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }',
      {
        token,
        variables: {
          i: {
            buyerId: duplicateId,
            vehicleId: vehicle.data!.addVehicle.id,
            buyerState: 'CO',
            buyerZip: '80202',
          },
        },
      },
    );
    if (!deal.data) throw new Error(JSON.stringify(deal.errors));
    dealId = deal.data.createDeal.id;
  });
  shootOnFailure(() => ({ '': manager }));

  it('merges a duplicate found by phone: its note, phone and email move over', async () => {
    await manager.goto(`${system.webUrl}/customers/${survivorId}`);
    await manager.getByRole('heading', { name: 'Rosalind Okafor' }).waitFor();
    await manager.getByRole('tab', { name: 'Details' }).click();
    await manager.getByLabel('Search for the duplicate').fill('303-555-0162');
    await manager.getByRole('button', { name: 'Find' }).click();
    const found = manager.getByRole('table', { name: 'Possible duplicates' });
    await found.getByText('Roz Okafor').waitFor();
    expect(await found.textContent()).toContain('(303) 555-0162');
    await shot(manager, '40-customer-merge-found');
    await found.getByRole('button', { name: 'Merge into this customer' }).click();
    await manager.getByRole('button', { name: 'Merge', exact: true }).click();
    await manager.getByText('Roz Okafor was merged into this customer.').waitFor();
    const contacts = manager.getByTestId('customer-contacts');
    await contacts.filter({ hasText: '(303) 555-0162 (Work)' }).waitFor();
    expect(await contacts.textContent()).toContain('roz@okafor.example');
    await manager.getByRole('tab', { name: 'Timeline' }).click();
    await manager.getByText('Trade-in: 2014 Civic').waitFor();
    await shot(manager, '41-customer-merged');
  });

  it("the merged-away id (a deal's buyer link) opens the surviving customer", async () => {
    const deal = await gql(
      system.routerUrl,
      'query($id: ID!) { deal(id: $id) { buyer { id displayName } } }',
      { token, variables: { id: dealId } },
    );
    expect(deal.data!.deal.buyer).toEqual({ id: duplicateId, displayName: 'Rosalind Okafor' });
    await manager.goto(`${system.webUrl}/customers/${duplicateId}`);
    await manager.waitForURL(`${system.webUrl}/customers/${survivorId}`);
    await manager.getByRole('heading', { name: 'Rosalind Okafor' }).waitFor();
  });

  it('takes a joint credit application; finance sees both people and reveals both', async () => {
    const fin = await newPage();
    await signIn(fin, system.webUrl, 'finance');
    await fin.goto(`${system.webUrl}/customers/${survivorId}`);
    await fin.getByRole('tab', { name: 'Credit' }).click();
    const fill = async (prefix: string, values: Record<string, string>) => {
      for (const [k, v] of Object.entries(values)) await fin.locator(`#${prefix}-${k}`).fill(v);
    };
    const home = { line1: '1700 Lincoln St', city: 'Denver', state: 'CO', zip: '80203' };
    await fill('cr', {
      ...home,
      firstName: 'Rosalind',
      lastName: 'Okafor',
      ssn: '521-44-1234',
      dateOfBirth: '1979-02-03',
      employer: 'Denver Health',
      grossMonthlyIncome: '7200',
      monthlyHousingPayment: '2100',
    });
    await fin.getByLabel('Housing', { exact: true }).selectOption('OWN');
    await fin.getByLabel('Add a co-applicant').check();
    await fill('cr-co', {
      ...home,
      firstName: 'Emeka',
      lastName: 'Okafor',
      ssn: '521441234',
      dateOfBirth: '1977-08-09',
      employer: 'Self',
      grossMonthlyIncome: '3100',
      monthlyHousingPayment: '0',
    });
    await fin.getByLabel('Co-applicant employment').selectOption('SELF_EMPLOYED');
    await fin.getByRole('button', { name: 'Save credit application' }).click();
    // The same SSN twice is refused on the co-applicant's field.
    const coSsnError = fin.locator('#cr-co-ssn-error');
    await coSsnError.waitFor();
    expect(await coSsnError.textContent()).toMatch(/same SSN/);
    await fin.locator('#cr-co-ssn').fill('521-44-9876');
    await fin.getByRole('button', { name: 'Save credit application' }).click();
    const co = fin.getByTestId('credit-co-applicant');
    await co.waitFor();
    const text = (await co.textContent())!;
    expect(text).toContain('Emeka Okafor');
    expect(text).toContain('***-**-9876');
    expect(text).toContain('Self employed');
    expect(await fin.getByTestId('credit-application').textContent()).toContain('(Own)');
    await fin.getByRole('button', { name: 'Reveal SSN and date of birth' }).click();
    await fin.getByRole('dialog').getByRole('button', { name: 'Reveal (audited)' }).click();
    expect(await fin.getByTestId('pii-revealed-co-applicant').textContent()).toBe(
      'Co-applicant: SSN 521-44-9876 · born 1977-08-09',
    );
    await shot(fin, '43-credit-joint-application');
  });

  it('inventory filters: "$38,000" is a price; swapped years are named on their box', async () => {
    await manager.goto(`${system.webUrl}/inventory`);
    const rows = manager.getByRole('table', { name: 'Vehicles' }).locator('tbody tr');
    await rows.first().waitFor();
    await manager.getByLabel('Search').fill('G3001');
    await manager.getByLabel('Price from').fill('$38,000');
    await rows.filter({ hasText: 'G3001' }).waitFor();
    await manager.getByLabel('Price from').fill('$39,000');
    await manager.getByText('No vehicle matches.').waitFor();
    await manager.getByLabel('Price from').fill('');
    await manager.getByLabel('Year from').fill('2022');
    await manager.getByLabel('Year to').fill('2020');
    const error = manager.locator('#f-yearMax-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/below the lower end \(2022\)/);
    await shot(manager, '44-inventory-filter-range-error');
  });

  it('a stock number already in use is refused on its field and nothing is saved', async () => {
    await manager.goto(`${system.webUrl}/inventory/new`);
    await manager.getByLabel('VIN').fill(testVin('1FTFW1E50MF', 900302));
    await manager.getByTestId('vin-decoded').waitFor();
    await manager.getByLabel('Stock number').fill('g3001');
    await manager.getByLabel('Mileage').fill('100');
    await manager.getByLabel('List price').fill('39995');
    await manager.getByRole('button', { name: 'Add vehicle' }).click();
    const error = manager.locator('#v-stockNumber-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Stock number g3001 is already used/);
    await shot(manager, '42-vehicle-duplicate-stock-number');
    const saved = await gql(
      system.routerUrl,
      'query($v: String!) { vehicleByVin(vin: $v) { id } }',
      { token, variables: { v: testVin('1FTFW1E50MF', 900302) } },
    );
    expect(saved.data!.vehicleByVin).toBeNull();
  });
});

// Figures for the budgets (first-load JS ≤ 200 kB gzipped, interactive ≤ 1 s, grid ≤ 16 ms per
// keystroke) are measured here on the production build and written to test-output/web/budgets.json.
// Tests do not time things: the numbers are reported, only their plausibility is asserted.
describe('web: desk budgets (measured, reported)', () => {
  it(
    'measures first-load JS, time to interactive and grid update per keystroke',
    { timeout: 120_000 },
    async () => {
      const deals = await (async () => {
        const { accessToken } = await login(system.routerUrl, 'sales');
        // A deal with a finance scenario (the desk shows the payment grid only for those).
        const res = await gql(
          system.routerUrl,
          '{ deals(first: 50) { edges { node { id scenarios { kind } } } } }',
          { token: accessToken },
        );
        return (
          res.data!.deals.edges as Array<{ node: { id: string; scenarios: { kind: string }[] } }>
        ).filter((e) => e.node.scenarios.some((s) => s.kind === 'FINANCE'));
      })();
      expect(deals.length).toBeGreaterThan(0);
      const url = `${system.webUrl}/deals/${deals[0]!.node.id}`;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, system.webUrl, 'sales');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await page.goto(url);
      await page.waitForFunction(
        () => performance.getEntriesByName('autolytiq:desk-ready').length > 0,
      );
      const load = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const scripts = performance
          .getEntriesByType('resource')
          .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script');
        return {
          loadedScripts: scripts.length,
          loadedGzipBytes: scripts.reduce(
            (n, e) => n + (e as PerformanceResourceTiming).encodedBodySize,
            0,
          ),
          domInteractiveMs: nav.domInteractive,
          domContentLoadedMs: nav.domContentLoadedEventEnd,
          deskReadyMs: performance.getEntriesByName('autolytiq:desk-ready')[0]!.startTime,
        };
      });
      const { gzip: firstLoadGzip, raw: firstLoadRaw, srcs } = await firstLoadJs(url);
      await page.locator('table[aria-label^="Payments"]').waitFor();
      await page.getByTestId('grid-status').waitFor();
      const keystrokes = await page.evaluate(() => {
        const input = document.getElementById('g-downs') as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const body = () =>
          document.querySelector('table[aria-label^="Payments"] tbody')?.textContent ?? '';
        const times: number[] = [];
        let changed = 0;
        const typed = '0 1000 2500 5000';
        for (let i = 1; i <= typed.length; i++) {
          const before = body();
          const t0 = performance.now();
          setter.call(input, typed.slice(0, i));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          // React handles input as a discrete event: the grid is re-rendered before dispatch returns.
          times.push(performance.now() - t0);
          if (body() !== before) changed++;
        }
        times.sort((a, b) => a - b);
        return {
          keystrokes: times.length,
          gridChanged: changed,
          medianMs: times[Math.floor(times.length / 2)]!,
          maxMs: times[times.length - 1]!,
        };
      });
      Object.assign(budgets, {
        deskFirstLoadJsGzipKiB: +(firstLoadGzip / 1024).toFixed(1),
        deskFirstLoadJsKiB: +(firstLoadRaw / 1024).toFixed(1),
        deskFirstLoadScripts: new Set(srcs).size,
        deskAllLoadedJsGzipKiB: +(load.loadedGzipBytes / 1024).toFixed(1),
        deskAllLoadedScripts: load.loadedScripts,
        deskDomInteractiveMs: +load.domInteractiveMs.toFixed(0),
        deskDomContentLoadedMs: +load.domContentLoadedMs.toFixed(0),
        deskInteractiveMs: +load.deskReadyMs.toFixed(0),
        gridKeystrokes: keystrokes.keystrokes,
        gridKeystrokeMedianMs: +keystrokes.medianMs.toFixed(2),
        gridKeystrokeMaxMs: +keystrokes.maxMs.toFixed(2),
      });
      console.log('web budgets', budgets);
      expect(srcs.length).toBeGreaterThan(0);
      expect(firstLoadGzip).toBeLessThan(firstLoadRaw);
      expect(keystrokes.gridChanged).toBeGreaterThan(5);
    },
  );

  it('measures the customer page first-load JS; the correction form is loaded on demand', async () => {
    const { accessToken } = await login(system.routerUrl, 'sales');
    const res = await gql(system.routerUrl, '{ customers(first: 1) { edges { node { id } } } }', {
      token: accessToken,
    });
    const id = (res.data!.customers.edges as Array<{ node: { id: string } }>)[0]!.node.id;
    const load = await firstLoadJs(`${system.webUrl}/customers/${id}`);
    Object.assign(budgets, {
      customerFirstLoadJsGzipKiB: +(load.gzip / 1024).toFixed(1),
      customerFirstLoadJsKiB: +(load.raw / 1024).toFixed(1),
      customerFirstLoadScripts: new Set(load.srcs).size,
    });
    console.log('customer page budgets', budgets);
    expect(load.text).toContain('Reveal date of birth');
    expect(load.text).not.toContain('Correct credit application');
  });
});

describe(
  'web: deals QA — lease disclosure, gross, unwind, list filters',
  { timeout: 60_000 },
  () => {
    let sales: Page;
    let manager: Page;
    let managerToken = '';
    let salesToken = '';
    let buyerId = '';
    let seq = 0;
    const addVehicle = () => {
      seq += 1;
      return addVehicleVia(system.routerUrl, managerToken, {
        vin: testVin('2T1BURHE0PC', 700 + seq),
        stockNumber: `QAD${seq}`,
        year: 2025,
        make: 'Toyota',
        model: 'Corolla',
        mileage: 10,
        condition: 'NEW',
        msrp: '30000.00',
        listPrice: '29000.00',
        cost: '26000.00',
      });
    };
    const createDeal = async (vehicleId: string, scenario: Record<string, unknown>) =>
      must(
        await gql(
          system.routerUrl,
          `mutation($i: CreateDealInput!) { createDeal(input: $i) { id dealNumber version
          selectedScenario { leaseResult { grossCapCost residualValue rentCharge dueAtSigning } } } }`,
          {
            token: salesToken,
            variables: {
              i: {
                buyerId,
                vehicleId,
                tradeIns: [{ allowance: '5000', payoff: '7000' }],
                scenarios: [scenario],
              },
            },
          },
        ),
      ).createDeal;
    const move = async (token: string, name: string, id: string, version: number) =>
      must(
        await gql(
          system.routerUrl,
          `mutation($id: ID!, $v: Int!) { ${name}(id: $id, version: $v) { version } }`,
          { token, variables: { id, v: version } },
        ),
      )[name].version as number;

    beforeAll(async () => {
      managerToken = (await login(system.routerUrl, 'manager')).accessToken;
      salesToken = (await login(system.routerUrl, 'sales')).accessToken;
      buyerId = await createCustomerVia(system.routerUrl, salesToken, {
        firstName: 'Lee',
        lastName: 'Quartermain',
        addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
      });
      sales = await newPage();
      manager = await newPage();
      await signIn(sales, system.webUrl, 'sales');
      await signIn(manager, system.webUrl, 'manager');
    });
    shootOnFailure(() => ({ sales, manager }));

    it('the lease recap prints the lease disclosure; negative equity is named', async () => {
      const deal = await createDeal(await addVehicle(), {
        kind: 'LEASE',
        lease: { moneyFactor: '0.0015', residualPercent: '0.6', termMonths: 36, cashDown: '1000' },
      });
      const lease = deal.selectedScenario.leaseResult;
      await sales.goto(`${system.webUrl}/deals/${deal.id}/recap`);
      const card = sales.getByTestId('scenario-LEASE');
      await card.waitFor();
      const text = (await card.textContent()) ?? '';
      for (const [label, value] of [
        ['Gross capitalized cost', lease.grossCapCost],
        ['Residual value', lease.residualValue],
        ['Rent charge', lease.rentCharge],
        ['Amount due at signing', lease.dueAtSigning],
      ]) {
        expect(text).toContain(label);
        expect(text).toContain(money(value));
      }
      expect(await sales.getByRole('table', { name: 'Price structure' }).textContent()).toContain(
        'negative equity -$2,000.00',
      );
      // No empty "Recap lines" heading for a lease.
      expect(await sales.getByRole('heading', { name: 'Recap lines' }).count()).toBe(0);
      await shot(sales, 'qa-deals-lease-recap');
    });

    it("the manager sees the gross of a salesperson's deal on the desk; the salesperson does not", async () => {
      const deal = await createDeal(await addVehicle(), { kind: 'CASH' });
      await manager.goto(`${system.webUrl}/deals/${deal.id}`);
      const gross = manager.getByTestId('deal-gross');
      await gross.waitFor();
      // 29000 − 26000 (inventory's cost, read as the manager) − 0 over-allowance (no ACV).
      expect(await gross.textContent()).toContain('Front gross$3,000.00');
      await shot(manager, 'qa-deals-gross');
      await sales.goto(`${system.webUrl}/deals/${deal.id}`);
      await sales.getByTestId('scenario-CASH').waitFor();
      expect(await sales.getByTestId('deal-gross').count()).toBe(0);
      expect(await sales.locator('body').textContent()).not.toMatch(/gross|26,000/i);
    });

    it('a field error from the server shows on its field, not again in a banner', async () => {
      const deal = await createDeal(await addVehicle(), { kind: 'CASH' });
      await sales.goto(`${system.webUrl}/deals/${deal.id}`);
      await sales.getByRole('button', { name: 'Edit deal' }).click();
      await sales.getByLabel('Dealer discount').fill('90000');
      await sales.getByRole('button', { name: 'Save changes' }).click();
      await sales.locator('#d-dealerDiscount-error').waitFor();
      expect(await sales.locator('#d-dealerDiscount-error').textContent()).toContain('exceeds');
      expect(
        await sales.getByRole('form', { name: 'Edit deal' }).locator('.banner-error').count(),
      ).toBe(0);
    });

    it('bad scenario terms are named on their box, when adding a scenario and opening a deal', async () => {
      const deal = await createDeal(await addVehicle(), { kind: 'CASH' });
      await sales.goto(`${system.webUrl}/deals/${deal.id}`);
      await sales.getByLabel('Scenario kind').selectOption('LEASE');
      // The residual is a percentage of MSRP: a fraction typed out of habit is named on its box.
      await sales.getByLabel('Residual % of MSRP').fill('0.58');
      await sales.getByRole('button', { name: 'Add scenario' }).click();
      await sales.locator('#s-residualPercent-error').waitFor();
      expect(await sales.locator('#s-residualPercent-error').textContent()).toContain('not 0.58');
      expect(await sales.getByTestId('scenario-LEASE').count()).toBe(0);
      await sales.getByLabel('Residual % of MSRP').fill('58');
      await sales.getByRole('button', { name: 'Add scenario' }).click();
      await sales.getByTestId('scenario-LEASE').waitFor();

      await sales.goto(`${system.webUrl}/deals/new`);
      await sales.getByLabel('Buyer', { exact: true }).fill('Quartermain');
      await sales.getByRole('radio', { name: /Lee Quartermain/ }).check();
      await sales.getByLabel('Vehicle', { exact: true }).fill('Corolla');
      await sales
        .getByRole('radio', { name: /Toyota Corolla/ })
        .first()
        .check();
      await sales.getByLabel('Term (months)').fill('sixty');
      await sales.getByRole('button', { name: 'Create deal' }).click();
      await sales.locator('#n-term-error').waitFor();
      expect(await sales.locator('.banner-error').count()).toBe(0);
      // The server's answer lands on its box too: a ZIP outside the buyer state.
      await sales.getByLabel('Term (months)').fill('60');
      await sales.getByLabel('Buyer ZIP').fill('90210');
      await sales.getByRole('button', { name: 'Create deal' }).click();
      await sales.locator('#n-zip-error').waitFor();
      expect(await sales.locator('#n-zip-error').textContent()).toContain('90210');
      expect(new URL(sales.url()).pathname).toBe('/deals/new');
    });

    it('a manager desking their own deal gets no Approve button, but is told why', async () => {
      const vehicleId = await addVehicle();
      const own = must(
        await gql(
          system.routerUrl,
          `mutation($i: CreateDealInput!) { createDeal(input: $i) { id version } }`,
          {
            token: managerToken,
            variables: { i: { buyerId, vehicleId, scenarios: [{ kind: 'CASH' }] } },
          },
        ),
      ).createDeal;
      await move(managerToken, 'submitDeal', own.id, own.version);
      await manager.goto(`${system.webUrl}/deals/${own.id}`);
      await manager.getByTestId('own-deal-approval').waitFor();
      expect(await manager.getByRole('button', { name: 'Approve' }).count()).toBe(0);
      expect(await manager.getByRole('button', { name: 'Reject' }).count()).toBe(1);
    });

    it('the manager unwinds a delivered deal from the desk with a reason; the vehicle is released', async () => {
      const vehicleId = await addVehicle();
      const deal = await createDeal(vehicleId, { kind: 'CASH' });
      let v = await move(salesToken, 'submitDeal', deal.id, deal.version);
      v = await move(managerToken, 'approveDeal', deal.id, v);
      v = await move(managerToken, 'sendDealToFinance', deal.id, v);
      v = await move(managerToken, 'contractDeal', deal.id, v);
      await move(managerToken, 'deliverDeal', deal.id, v);
      await sales.goto(`${system.webUrl}/deals/${deal.id}`);
      await sales.getByTestId('scenario-CASH').waitFor();
      expect(await sales.getByRole('button', { name: 'Unwind sale' }).count()).toBe(0);
      await manager.goto(`${system.webUrl}/deals/${deal.id}`);
      await manager.getByRole('button', { name: 'Unwind sale' }).click();
      await manager.getByLabel('Reason').fill('Bank declined the contract');
      await manager.getByRole('button', { name: 'Confirm' }).click();
      await manager.getByTestId('cancellation-reason').waitFor();
      expect(await manager.getByTestId('deal-status').textContent()).toBe('Unwound');
      expect(await manager.getByTestId('cancellation-reason').textContent()).toContain(
        'Bank declined the contract',
      );
      const until = Date.now() + 20_000;
      for (;;) {
        const res = await gql(system.routerUrl, `query($id: ID!) { vehicle(id: $id) { status } }`, {
          token: managerToken,
          variables: { id: vehicleId },
        });
        if (res.data?.vehicle?.status === 'AVAILABLE') break;
        if (Date.now() > until) throw new Error(`vehicle is ${res.data?.vehicle?.status}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      // The list finds it by status (Unwound is offered) and by its number.
      await manager.goto(`${system.webUrl}/deals`);
      await manager.getByLabel('Status').selectOption('UNWOUND');
      const table = manager.getByRole('table', { name: 'Deals' });
      await table.getByRole('link', { name: String(deal.dealNumber), exact: true }).waitFor();
      await manager.getByLabel('Status').selectOption('');
      await manager.getByLabel('Deal no.').fill(String(deal.dealNumber));
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      await manager.getByLabel('Deal no.').fill('12x');
      await manager.locator('#deal-number-error').waitFor();
      await shot(manager, 'qa-deals-list');
    });
  },
);
