/// <reference lib="dom" />
// The desk as staff use it, in a real browser against the real system: grids that follow the deal
// (issue 20 item 1), a session that survives a server blip (item 8). Screenshots: test-output/web/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVehicleVia, createCustomerVia, gql, login, must, testVin } from './support.ts';
import { launchBrowser, shootOnFailure, shot, signIn, startWebSystem } from './web-support.ts';

type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;
let system: WebSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  return context.newPage();
}

let seq = 0;
/** A deal through the API (as `sales`), on a new car for a Texas buyer; its desk URL. */
async function dealWith(scenarios: unknown[]): Promise<{ id: string; url: string }> {
  seq += 1;
  const manager = (await login(system.routerUrl, 'manager')).accessToken;
  const sales = (await login(system.routerUrl, 'sales')).accessToken;
  const vehicleId = await addVehicleVia(system.routerUrl, manager, {
    vin: testVin('KM8K2CAB0PU', 300000 + seq),
    stockNumber: `WD${Date.now()}${seq}`,
    year: 2023,
    make: 'Hyundai',
    model: 'Kona',
    mileage: 20,
    condition: 'NEW',
    msrp: '28000.00',
    listPrice: '26500.00',
    cost: '23000.00',
  });
  const buyerId = await createCustomerVia(system.routerUrl, sales, {
    firstName: 'Maria',
    lastName: `Lopez${seq}`,
    addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
  });
  const res = await gql(
    system.routerUrl,
    'mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }',
    { token: sales, variables: { i: { buyerId, vehicleId, scenarios } } },
  );
  const id = must(res).createDeal.id as string;
  return { id, url: `${system.webUrl}/deals/${id}` };
}

/** "$1,234.56/mo" → "$1,234.56". */
const perMonth = async (page: Page, testId: string) =>
  /(\$[\d,]+\.\d\d)\/mo/.exec((await page.getByTestId(testId).textContent()) ?? '')?.[1];

beforeAll(async () => {
  browser = await launchBrowser();
  system = await startWebSystem();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await system?.shutdown();
});

describe('web desk: grids follow the deal', { timeout: 60_000 }, () => {
  let sales: Page;
  beforeAll(async () => {
    sales = await newPage();
    await signIn(sales, system.webUrl, 'sales');
  });
  shootOnFailure(() => ({ sales }));

  it('after new terms the payment grid is at the new rate, and a cell changes only term and down', async () => {
    const deal = await dealWith([
      {
        kind: 'FINANCE',
        name: 'Bank',
        select: true,
        finance: { apr: '6.9', termMonths: 60, downPayment: '2000' },
      },
    ]);
    await sales.goto(deal.url);
    const status = sales.getByTestId('grid-status');
    await status.filter({ hasText: 'Confirmed' }).waitFor();

    await sales.getByRole('button', { name: 'Edit terms of Bank' }).click();
    const dialog = sales.getByRole('dialog');
    await dialog.getByLabel('APR %').fill('3.9');
    await dialog.getByRole('button', { name: 'Save terms' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = sales.getByTestId('scenario-FINANCE');
    await card.filter({ hasText: '60 mo at 3.90%' }).waitFor();

    // The grid is at 3.90 % now, confirmed by the server for this version of the deal, and the
    // cell of the scenario's own terms shows the scenario's payment.
    expect(Number(await sales.getByLabel('APR %').inputValue())).toBe(3.9);
    await status.filter({ hasText: 'Confirmed' }).waitFor();
    const grid = sales.getByRole('table', { name: 'Payments by term and down payment' });
    const own = grid.locator('td[aria-current="true"]');
    expect(await own.count()).toBe(1);
    const payment = await perMonth(sales, 'scenario-FINANCE');
    await own.filter({ hasText: payment! }).waitFor();

    // A cell sets 48 months / $2,500 down and keeps the scenario's 3.90 %.
    await sales.getByTitle('Use 48 months with $2,500.00 down').click();
    await card.filter({ hasText: '48 mo at 3.90% · $2,500.00 down' }).waitFor();
    const after = await perMonth(sales, 'scenario-FINANCE');
    await grid.locator('td[aria-current="true"]').filter({ hasText: after! }).waitFor();
    await status.filter({ hasText: 'Confirmed' }).waitFor();

    // A what-if rate typed in the grid explores; a cell still leaves the rate alone (and says so).
    await sales.getByLabel('APR %').fill('8.9');
    await sales.getByTestId('grid-what-if').waitFor();
    await sales.getByTitle('Use 72 months with $5,000.00 down').click();
    await card.filter({ hasText: '72 mo at 3.90% · $5,000.00 down' }).waitFor();
    await shot(sales, 'desk-grid-follows-terms');
  });

  it('the lease grid shows the lease card’s numbers after products are added', async () => {
    const deal = await dealWith([
      {
        kind: 'LEASE',
        name: 'Lease 36',
        select: true,
        lease: {
          moneyFactor: '0.00125',
          residualPercent: '0.60',
          termMonths: 36,
          cashDown: '2000',
        },
      },
    ]);
    await sales.goto(deal.url);
    const table = sales.getByRole('table', { name: 'Lease payments by term and cash down' });
    const own = table.locator('td[aria-current="true"]');
    const before = await perMonth(sales, 'scenario-LEASE');
    await own.filter({ hasText: before! }).waitFor();

    await sales.getByRole('button', { name: 'Edit deal' }).click();
    const form = sales.getByRole('form', { name: 'Edit deal' });
    await form.getByRole('button', { name: 'Add product' }).click();
    await form.getByLabel('Kind').selectOption('SERVICE_CONTRACT');
    await form.getByLabel('Product name').fill('Platinum 5/100');
    await form.getByLabel('Price', { exact: true }).fill('2995');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await sales
      .getByTestId('scenario-LEASE')
      .filter({ hasNotText: `${before!}/mo` })
      .waitFor();
    const after = await perMonth(sales, 'scenario-LEASE');
    expect(after).not.toBe(before);
    await table.and(sales.locator('[data-current="true"]')).waitFor();
    await own.filter({ hasText: after! }).waitFor();

    // A cell changes the term and cash down only: money factor and residual stay the scenario's.
    await own.locator('button').waitFor();
    await table.getByRole('button', { name: /^Lease 48 months with \$3,000\.00 down/ }).click();
    await sales
      .getByTestId('scenario-LEASE')
      .filter({ hasText: '48 mo · MF 0.00125 · $3,000.00 down · residual 60' })
      .waitFor();
    await shot(sales, 'desk-lease-grid-follows');
  });
});

describe('web: a server blip is not a sign-out', { timeout: 90_000 }, () => {
  let sales: Page;
  beforeAll(async () => {
    sales = await newPage();
    await signIn(sales, system.webUrl, 'sales');
  });
  shootOnFailure(() => ({ sales }));

  it('a reload during an outage keeps the session, says so, and recovers by itself', async () => {
    await sales.goto(`${system.webUrl}/deals`);
    await sales.getByRole('heading', { name: 'Deals' }).waitFor();
    // What the browser sees while the router is down: the web server's 502 for every API call.
    const down = { status: 502, contentType: 'application/json', body: '{"errors":[]}' };
    await sales.route('**/graphql', (route) => route.fulfill(down));
    await sales.route('**/auth/refresh', (route) => route.fulfill(down));
    await sales.reload();
    await sales.getByTestId('connection-lost').waitFor();
    await sales.waitForTimeout(2_500); // a few refresh attempts
    expect(new URL(sales.url()).pathname).toBe('/deals');
    await shot(sales, 'connection-lost');

    await sales.unroute('**/graphql');
    await sales.unroute('**/auth/refresh');
    await sales.getByRole('heading', { name: 'Deals' }).waitFor({ timeout: 30_000 });
    await sales.getByTestId('connection-lost').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await sales.getByTestId('signed-in-user').textContent()).toBe('sales');
  });

  it('an input error is asked once, not three times', async () => {
    let asked = 0;
    await sales.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { query?: string } | null;
      if (!body?.query?.includes('query Deals(')) return route.fallback();
      asked += 1;
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [
            {
              message: 'Enter a date like 2026-12-06.',
              extensions: { code: 'BAD_USER_INPUT', field: 'filter.from' },
            },
          ],
        }),
      });
    });
    await sales.goto(`${system.webUrl}/deals`);
    await sales.getByText('Enter a date like 2026-12-06.').first().waitFor();
    await sales.waitForTimeout(3_000); // the old policy asked again after 1 s and 2 s
    expect(asked).toBe(1);
    await sales.unroute('**/graphql');
  });
});
