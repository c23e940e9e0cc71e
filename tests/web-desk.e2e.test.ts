/// <reference lib="dom" />
// The desk as staff use it, in a real browser against the real system: grids that follow the deal
// (issue 20 item 1), a session that survives a server blip (item 8). Screenshots: test-output/web/.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVehicleVia, createCustomerVia, gql, login, must, testVin } from './support.ts';
import {
  SCREENSHOTS,
  launchBrowser,
  shootOnFailure,
  shot,
  signIn,
  startWebSystem,
} from './web-support.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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
    vin: testVin('1HGCM8260PA', 700000 + seq),
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

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA). */
async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<any> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return (
      result.violations as Array<{ id: string; impact: string; nodes: Array<{ html: string }> }>
    ).map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      first: v.nodes[0]?.html.slice(0, 120) ?? '',
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes, e.g. ${v.first})`);
}

describe('web: keyboard and assistive technology', { timeout: 90_000 }, () => {
  let manager: Page;
  let deal: { id: string; url: string };
  beforeAll(async () => {
    manager = await newPage();
    await signIn(manager, system.webUrl, 'manager');
    deal = await dealWith([
      {
        kind: 'FINANCE',
        name: 'Bank',
        select: true,
        finance: { apr: '6.9', termMonths: 60, downPayment: '2000' },
      },
    ]);
  });
  shootOnFailure(() => ({ manager }));

  it('every main page has a title of its own and no serious or critical axe-core violation', async () => {
    const pages: Array<[string, RegExp]> = [
      ['/', /^Dashboard — Autolytiq$/],
      ['/customers', /^Customers — Autolytiq$/],
      ['/inventory', /^Inventory — Autolytiq$/],
      ['/deals', /^Deals — Autolytiq$/],
      ['/deals/new', /^New deal — Autolytiq$/],
      ['/tax', /^Tax calculator — Autolytiq$/],
      [`/deals/${deal.id}`, /^Deal #\d+ · Maria Lopez\d+ — Autolytiq$/],
      [`/deals/${deal.id}/recap`, /^Recap · Deal #\d+ · Maria Lopez\d+ — Autolytiq$/],
    ];
    const found: Record<string, string[]> = {};
    for (const [path, title] of pages) {
      await manager.goto(`${system.webUrl}${path}`);
      await manager.locator('h1').first().waitFor();
      await manager.waitForFunction((t) => new RegExp(t).test(document.title), title.source);
      await manager.waitForLoadState('networkidle');
      const problems = await axeProblems(manager);
      if (problems.length) found[path] = problems;
    }
    expect(found).toEqual({});
  });

  it('the browser gets a /favicon.ico (no 404 in the console)', async () => {
    const res = await fetch(`${system.webUrl}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/icon/);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('a skip link leads past the menu; the focus ring is visible', async () => {
    await manager.goto(`${system.webUrl}/deals`);
    await manager.getByRole('heading', { name: 'Deals' }).waitFor();
    await manager.keyboard.press('Tab');
    const skip = manager.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await manager.keyboard.press('Enter');
    expect(await manager.evaluate(() => document.activeElement?.id)).toBe('main');
    // The ring: a solid outline in the strong brand colour (8.6:1 on white).
    await manager.keyboard.press('Tab');
    const outline = await manager.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    });
    expect(outline).toBe('solid 3px rgb(23, 74, 150)');
  });

  it('focus returns to the control used; payment and status changes are announced', async () => {
    await manager.goto(deal.url);
    const announcer = manager.getByTestId('desk-announcer');
    await announcer.filter({ hasText: /\$[\d,]+\.\d\d a month/ }).waitFor();
    const focused = () =>
      manager.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

    // The terms dialog, closed after a save: back on its button.
    await manager.getByRole('button', { name: 'Edit terms of Bank' }).focus();
    await manager.keyboard.press('Enter');
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('APR %').fill('4.9');
    await dialog.getByRole('button', { name: 'Save terms' }).click();
    await dialog.waitFor({ state: 'detached' });
    await manager.getByTestId('scenario-FINANCE').filter({ hasText: 'at 4.90%' }).waitFor();
    expect(await focused()).toBe('Edit terms of Bank');
    const payment = /(\$[\d,]+\.\d\d)\/mo/.exec(
      (await manager.getByTestId('scenario-FINANCE').textContent())!,
    )![1]!;
    await announcer.filter({ hasText: `${payment} a month` }).waitFor();

    // A grid cell used from the keyboard keeps the focus.
    const cell = manager.getByTitle('Use 48 months with $2,500.00 down');
    await cell.focus();
    await manager.keyboard.press('Enter');
    await manager.getByTestId('scenario-FINANCE').filter({ hasText: '48 mo at 4.90%' }).waitFor();
    expect(await cell.evaluate((el) => el === document.activeElement)).toBe(true);

    // The deal editor, saved: back on "Edit deal".
    await manager.getByRole('button', { name: 'Edit deal' }).click();
    const form = manager.getByRole('form', { name: 'Edit deal' });
    await form.getByLabel('Doc fee', { exact: true }).fill('175');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await manager.evaluate(() => document.activeElement?.textContent)).toBe('Edit deal');

    // A status change is announced.
    await manager.getByRole('button', { name: 'Submit for approval' }).click();
    await announcer.filter({ hasText: 'Submitted' }).waitFor();
  });
});

describe('web: two people on one deal', { timeout: 90_000 }, () => {
  let sales: Page;
  beforeAll(async () => {
    sales = await newPage();
    await signIn(sales, system.webUrl, 'sales');
  });
  shootOnFailure(() => ({ sales }));

  it('a stale save says who changed what by the Save button, keeps the input and re-applies it', async () => {
    const deal = await dealWith([
      { kind: 'FINANCE', select: true, finance: { apr: '6.9', termMonths: 60, downPayment: '0' } },
    ]);
    await sales.goto(deal.url);
    await sales.getByRole('button', { name: 'Edit deal' }).click();
    const form = sales.getByRole('form', { name: 'Edit deal' });
    await form.getByRole('button', { name: 'Add trade-in' }).click();
    await form.getByLabel('Year', { exact: true }).fill('2016');
    await form.getByLabel('Make', { exact: true }).fill('Honda');
    await form.getByLabel('Model', { exact: true }).fill('Civic');
    await form.getByLabel('Allowance', { exact: true }).fill('7000');

    // Meanwhile the manager lowers the price.
    const manager = (await login(system.routerUrl, 'manager')).accessToken;
    const me = must(await gql(system.routerUrl, '{ me { displayName } }', { token: manager }));
    const read = must(
      await gql(system.routerUrl, 'query($id: ID!) { deal(id: $id) { version } }', {
        token: manager,
        variables: { id: deal.id },
      }),
    );
    must(
      await gql(
        system.routerUrl,
        'mutation($id: ID!, $v: Int!) { updateDeal(id: $id, version: $v, input: { sellingPrice: "24995" }) { version } }',
        { token: manager, variables: { id: deal.id, v: read.deal.version } },
      ),
    );

    await form.getByRole('button', { name: 'Save changes' }).click();
    const conflict = form.getByTestId('deal-conflict');
    await conflict.waitFor();
    const changes = conflict.getByTestId('deal-conflict-changes');
    await changes.waitFor();
    expect(await changes.textContent()).toContain(me.me.displayName);
    expect(await changes.textContent()).toMatch(/selling price .*24995/);
    // Beside the Save button pressed, and the typed trade-in is still there.
    const box = (await conflict.boundingBox())!;
    const save = (await form.getByRole('button', { name: 'Save changes' }).boundingBox())!;
    expect(save.y - (box.y + box.height)).toBeLessThan(80);
    expect(await form.getByLabel('Make', { exact: true }).inputValue()).toBe('Honda');
    await shot(sales, 'desk-conflict-who-changed-what');

    await conflict.getByRole('button', { name: 'Save my changes on the new version' }).click();
    await form.waitFor({ state: 'detached' });
    const structure = sales.getByRole('table', { name: 'Price structure' });
    await structure.getByText('Trade-in 2016 Honda Civic').waitFor();
    expect(await structure.textContent()).toContain('$24,995.00');
  });
});

describe('web: tablets and phones', { timeout: 90_000 }, () => {
  it('on a tablet the worksheet (price, trade, payment, gross) is on the first screen, with a live what-if', async () => {
    const tablet = await newPage({ width: 1024, height: 768 });
    await signIn(tablet, system.webUrl, 'manager');
    const deal = await dealWith([
      {
        kind: 'FINANCE',
        name: 'Bank',
        select: true,
        finance: { apr: '6.9', termMonths: 60, downPayment: '2000' },
      },
    ]);
    await tablet.goto(deal.url);
    const payment = tablet.getByTestId('ws-payment');
    await payment.filter({ hasText: /\$[\d,]+\.\d\d\/mo/ }).waitFor();
    for (const id of ['ws-price', 'ws-trade', 'ws-payment', 'ws-gross']) {
      const box = (await tablet.getByTestId(id).boundingBox())!;
      expect(box.y + box.height).toBeLessThan(768);
    }
    await tablet.getByTestId('ws-gross').filter({ hasText: '$' }).waitFor();
    const whatIf = tablet.getByTestId('ws-what-if');
    await whatIf.filter({ hasText: '/mo' }).waitFor();
    const before = await whatIf.textContent();
    await tablet.getByLabel('What if price').fill('$24,000');
    await whatIf.filter({ hasText: 'At $24,000.00' }).waitFor();
    await tablet.getByLabel('What if trade allowance').fill('3000');
    await whatIf.filter({ hasText: 'with $3,000.00 for the trade' }).waitFor();
    expect(await whatIf.textContent()).not.toBe(before);
    // 44 px touch targets.
    const heights = await tablet
      .locator('main button:visible, main input:visible')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await shot(tablet, 'tablet-desk-worksheet');
  });

  it('on a phone: the menu folds, nothing scrolls sideways, the terms dialog is on screen', async () => {
    const phone = await newPage({ width: 390, height: 844 });
    await signIn(phone, system.webUrl, 'sales');
    const noSideways = () =>
      phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    // The menu is one button until opened.
    expect(await phone.getByRole('link', { name: 'Inventory' }).isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'Menu' }).click();
    await phone.getByRole('link', { name: 'Inventory' }).click();
    await phone.getByRole('heading', { name: 'Inventory' }).waitFor();
    expect(await noSideways()).toBe(true);
    await phone.goto(`${system.webUrl}/deals`);
    await phone.getByRole('heading', { name: 'Deals' }).waitFor();
    expect(await noSideways()).toBe(true);

    const deal = await dealWith([
      {
        kind: 'FINANCE',
        name: 'Bank',
        select: true,
        finance: { apr: '6.9', termMonths: 60, downPayment: '2000' },
      },
    ]);
    await phone.goto(deal.url);
    await phone.getByTestId('scenario-FINANCE').waitFor();
    expect(await noSideways()).toBe(true);
    await phone.getByRole('button', { name: 'Edit terms of Bank' }).click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByLabel('APR %').waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await shot(phone, 'phone-terms-dialog');
  });
});

describe('web: customer copy, queues, inventory and customer lists', { timeout: 90_000 }, () => {
  let manager: Page;
  let deal: { id: string; url: string };
  let dealNumber = 0;
  beforeAll(async () => {
    manager = await newPage();
    await signIn(manager, system.webUrl, 'manager');
    deal = await dealWith([
      { kind: 'FINANCE', select: true, finance: { apr: '6.9', termMonths: 60, downPayment: '0' } },
    ]);
  });
  shootOnFailure(() => ({ manager }));

  const move = async (username: string, mutation: string) => {
    const token = (await login(system.routerUrl, username)).accessToken;
    const { deal: d } = must(
      await gql(system.routerUrl, 'query($id: ID!) { deal(id: $id) { version dealNumber } }', {
        token,
        variables: { id: deal.id },
      }),
    );
    dealNumber = d.dealNumber;
    must(
      await gql(
        system.routerUrl,
        `mutation($id: ID!, $v: Int!) { ${mutation}(id: $id, version: $v) { status } }`,
        { token, variables: { id: deal.id, v: d.version } },
      ),
    );
  };

  it('the recap is the customer copy: dealership and buyer addresses, signature lines, no internals', async () => {
    const token = (await login(system.routerUrl, 'manager')).accessToken;
    const { me } = must(
      await gql(system.routerUrl, '{ me { dealership { name legalName address { line1 } } } }', {
        token,
      }),
    );
    await manager.goto(`${deal.url}/recap`);
    await manager.getByRole('heading', { name: 'Deal recap' }).waitFor();
    await manager.getByTestId('recap-buyer').filter({ hasText: '100 Congress Ave' }).waitFor();
    await manager.emulateMedia({ media: 'print' });
    const text = (await manager.locator('main').innerText()) ?? '';
    expect(text).toContain(me.dealership.legalName);
    expect(text).toContain(me.dealership.address.line1);
    expect(text).toMatch(/Austin, TX 78701/);
    expect(text).toMatch(/Buyer: Maria Lopez\d+/);
    expect(text).toContain('For the dealership');
    expect(text).not.toMatch(/feeTier|NONATTAINMENT|History/);
    await shot(manager, 'recap-customer-copy');
    await manager.emulateMedia({ media: 'screen' });
  });

  it('the approval queue and the F&I queue show number, salesperson, payment, gross and time waiting', async () => {
    await move('sales', 'submitDeal');
    await manager.goto(`${system.webUrl}/`);
    const queue = manager.getByRole('table', { name: 'Approval queue' });
    const row = queue.locator('tr').filter({ hasText: `#${dealNumber} ` });
    await row.waitFor();
    const text = (await row.textContent())!;
    expect(text).toMatch(/Sam Sales|sales/i);
    expect(text).toMatch(/\$[\d,]+\.\d\d\/mo/);
    expect(text).toMatch(/\$3,500\.00/); // front gross: 26,500 − 23,000
    expect(text).toMatch(/\d+ (min|h|days)/);
    await row.getByTitle(`Review deal #${dealNumber}`).click();
    await manager.getByTestId('deal-status').filter({ hasText: 'Submitted' }).waitFor();

    await move('manager', 'approveDeal');
    await manager.goto(`${system.webUrl}/`);
    const fi = manager.getByRole('table', { name: 'F&I queue' });
    await fi
      .locator('tr')
      .filter({ hasText: `#${dealNumber} ` })
      .waitFor();
    await shot(manager, 'dashboard-queues');
  });

  it('inventory: condition column, oldest in stock first; the customer page lists the deals', async () => {
    await manager.goto(`${system.webUrl}/inventory`);
    const table = manager.getByRole('table', { name: 'Vehicles' });
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('thead').textContent()).toContain('Condition');
    expect(await table.locator('tbody tr').first().textContent()).toMatch(/New|Used|Certified/);
    expect(await manager.getByLabel('Sort').inputValue()).toBe('DAYS_IN_STOCK_DESC');

    const token = (await login(system.routerUrl, 'manager')).accessToken;
    const { deal: d } = must(
      await gql(system.routerUrl, 'query($id: ID!) { deal(id: $id) { buyer { id } } }', {
        token,
        variables: { id: deal.id },
      }),
    );
    await manager.goto(`${system.webUrl}/customers/${d.buyer.id}`);
    const deals = manager.getByRole('table', { name: 'Customer deals' });
    await deals.getByRole('link', { name: `Deal #${dealNumber}` }).waitFor();
  });
});

// Measured and reported (test-output/web/budgets-desk.json), never asserted against a time: only
// that the measurement happened. Issue 20's budgets: navigation → payment grid ≤ 300 ms at 4× CPU
// slowdown; keystroke → grid ≤ 16 ms.
describe('web desk budgets (measured, reported)', { timeout: 600_000 }, () => {
  let budgetPage: Page | undefined;
  shootOnFailure(() => ({ budget: budgetPage }));
  it('a desk with 3 scenarios at 4× CPU slowdown: navigation → grid numbers, keystroke → grid', async () => {
    const deal = await dealWith([
      { kind: 'CASH' },
      {
        kind: 'FINANCE',
        name: 'Bank',
        select: true,
        finance: { apr: '6.9', termMonths: 60, downPayment: '2000' },
      },
      {
        kind: 'LEASE',
        name: 'Lease',
        lease: { moneyFactor: '0.00125', residualPercent: '0.6', termMonths: 36, cashDown: '2000' },
      },
    ]);
    const page = await newPage();
    budgetPage = page;
    await signIn(page, system.webUrl, 'sales');
    // Warm the caches a returning user has (scripts), then measure a fresh navigation.
    await page.goto(deal.url);
    await page
      .locator('table[aria-label^="Payments"] tbody td')
      .first()
      .waitFor({ timeout: 120_000 });
    await page.goto(`${system.webUrl}/deals`);
    // Let this page's session refresh land before leaving it: a refresh cut off by the next
    // navigation can rotate the token on the server without the browser keeping the new cookie, and
    // the next page's refresh then counts as reuse and ends the session (a known race, see the
    // session-6 note) — which this measurement is not about.
    await page.getByTestId('signed-in-user').waitFor({ timeout: 120_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(deal.url);
      await page.waitForFunction(
        () => performance.getEntriesByName('autolytiq:grid-numbers').length > 0,
        undefined,
        { timeout: 120_000 },
      );
      // Marks count from the navigation's start.
      samples.push(
        await page.evaluate(
          () => performance.getEntriesByName('autolytiq:grid-numbers')[0]!.startTime,
        ),
      );
    }
    // The calculator (parsed after the first numbers) computes every keystroke from here on.
    await page.waitForFunction(
      () => performance.getEntriesByName('autolytiq:calc-ready').length > 0,
      undefined,
      { timeout: 120_000 },
    );
    const calcReadyMs = await page.evaluate(
      () => performance.getEntriesByName('autolytiq:calc-ready')[0]!.startTime,
    );
    const keystroke = await page.evaluate(() => {
      const input = document.getElementById('g-downs') as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const times: number[] = [];
      const typed = '0 1000 2500 5000';
      for (let i = 1; i <= typed.length; i++) {
        const t0 = performance.now();
        setter.call(input, typed.slice(0, i));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    samples.sort((a, b) => a - b);
    const report = {
      deskThreeScenariosNavToGridMs4xCpu: +samples[1]!.toFixed(0),
      deskThreeScenariosNavToGridSamplesMs4xCpu: samples.map((s) => +s.toFixed(0)),
      gridKeystrokeMedianMs4xCpu: +keystroke.toFixed(2),
      // The last navigation's start → the browser's calculator ready (keystrokes computed locally).
      navToCalculatorReadyMs4xCpu: +calcReadyMs.toFixed(0),
    };
    console.log('desk budgets', report);
    writeFileSync(`${SCREENSHOTS}/budgets-desk.json`, JSON.stringify(report, null, 2));
    expect(samples.every((s) => s > 0)).toBe(true);
  });
});
