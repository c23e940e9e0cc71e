/// <reference lib="dom" />
// The desk fixes staff hit daily (issue 20), in a real browser against the real system: one car one
// deal in lists and pickers ("in deal #1002 (Sam Sales)"), "Start a deal" from a vehicle and a
// customer, the lease residual typed as a percentage, and F&I's "Mark contracted" dialog.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVehicleVia, createCustomerVia, gql, login, must, testVin } from './support.ts';
import { launchBrowser, shootOnFailure, shot, signIn, startWebSystem } from './web-support.ts';

type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;
let system: WebSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];
const tokens: Record<string, string> = {};

async function newPage(user: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, system.webUrl, user);
  return page;
}

let seq = 0;
async function vehicle(): Promise<{ id: string; stockNumber: string }> {
  seq += 1;
  const stockNumber = `ST${Date.now() % 1_000_000}${seq}`;
  const id = await addVehicleVia(system.routerUrl, tokens.manager!, {
    vin: testVin('1HGCM8260PA', 710000 + seq),
    stockNumber,
    year: 2023,
    make: 'Hyundai',
    model: 'Kona',
    mileage: 20,
    condition: 'NEW',
    msrp: '28000.00',
    listPrice: '26500.00',
    cost: '23000.00',
  });
  return { id, stockNumber };
}

async function buyer(lastName: string): Promise<string> {
  return createCustomerVia(system.routerUrl, tokens.sales!, {
    firstName: 'Maria',
    lastName,
    addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
  });
}

/** A deal written by `sales` (Sam Sales); its id, number and version. */
async function deal(vehicleId: string, buyerId: string, scenarios: unknown[]) {
  const res = await gql(
    system.routerUrl,
    'mutation($i: CreateDealInput!) { createDeal(input: $i) { id dealNumber version } }',
    { token: tokens.sales, variables: { i: { buyerId, vehicleId, scenarios } } },
  );
  return must(res).createDeal as { id: string; dealNumber: number; version: number };
}

const move = async (user: string, name: string, id: string, version: number) =>
  must(
    await gql(
      system.routerUrl,
      `mutation($id: ID!, $v: Int!) { ${name}(id: $id, version: $v) { version } }`,
      { token: tokens[user], variables: { id, v: version } },
    ),
  )[name].version as number;

const FINANCE = {
  kind: 'FINANCE',
  name: 'Bank',
  select: true,
  finance: { apr: '6.9', termMonths: 60, downPayment: '2000', lender: 'Ally Financial' },
};

beforeAll(async () => {
  browser = await launchBrowser();
  system = await startWebSystem();
  for (const user of ['manager', 'sales', 'sales2', 'finance'])
    tokens[user] = (await login(system.routerUrl, user)).accessToken;
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await system?.shutdown();
});

describe(
  'one car, one deal; start a deal from a vehicle or a customer',
  { timeout: 90_000 },
  () => {
    let riley: Page;
    beforeAll(async () => {
      riley = await newPage('sales2');
    });
    shootOnFailure(() => ({ riley }));

    it('a car in Sam’s deal says so in the list and on its page; a second deal needs a yes', async () => {
      const car = await vehicle();
      const first = await deal(car.id, await buyer('Held'), [FINANCE]);
      const held = `in deal #${first.dealNumber} (Sam Sales)`;

      await riley.goto(`${system.webUrl}/inventory`);
      await riley.getByLabel('Search').fill(car.stockNumber);
      const row = riley.getByRole('row').filter({ hasText: car.stockNumber });
      await row.getByTestId('held-by').filter({ hasText: held }).waitFor();

      await row.getByRole('link', { name: /Hyundai Kona/ }).click();
      await riley.getByText(`This vehicle is ${held}.`).waitFor();
      await riley.getByRole('link', { name: 'Start a deal' }).click();
      // Started from the vehicle: it is chosen, and the page says who has it.
      await riley.getByTestId('picked-held-by').filter({ hasText: held }).waitFor();
      expect(await riley.getByRole('radio', { name: /Hyundai Kona/ }).isChecked()).toBe(true);

      await buyer('Second');
      await riley.getByLabel('Buyer', { exact: true }).fill('Second');
      await riley.getByRole('radio', { name: /Maria Second/ }).check();
      await riley.getByRole('button', { name: 'Create deal' }).click();
      // Without the yes the server refuses, naming the deal and the salesperson (no ids).
      const refusal = riley.locator('#n-vehicle-error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain(`deal #${first.dealNumber} (Sam Sales`);
      expect(await refusal.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(new URL(riley.url()).pathname).toBe('/deals/new');

      await riley.getByLabel(/Write this deal on it as well/).check();
      await riley.getByRole('button', { name: 'Create deal' }).click();
      await riley.getByTestId('deal-number').waitFor();
      await shot(riley, 'staff-second-deal-on-held-car');
    });

    it('"Start a deal" on a customer opens the new deal with that buyer chosen', async () => {
      const id = await buyer('Started');
      await riley.goto(`${system.webUrl}/customers/${id}`);
      await riley.getByRole('link', { name: 'Start a deal' }).click();
      await riley.waitForURL(/\/deals\/new\?buyerId=/);
      const radio = riley.getByRole('radio', { name: /Maria Started/ });
      await radio.waitFor();
      expect(await radio.isChecked()).toBe(true);
    });

    it('the vehicle picker in the deal editor names the deal holding a car', async () => {
      const mine = await deal((await vehicle()).id, await buyer('Mover'), [FINANCE]);
      const other = await vehicle();
      const holder = await deal(other.id, await buyer('Holder'), [FINANCE]);
      // Sam moves his deal to the car his other deal holds.
      const sam = await newPage('sales');
      await sam.goto(`${system.webUrl}/deals/${mine.id}`);
      await sam.getByRole('button', { name: 'Edit deal' }).click();
      await sam.getByLabel('Find another vehicle').fill(other.stockNumber);
      const choice = sam.getByRole('radio', { name: new RegExp(other.stockNumber) });
      await choice.waitFor();
      const label = sam.locator('label').filter({ has: choice });
      expect(await label.textContent()).toContain(`in deal #${holder.dealNumber} (Sam Sales)`);
      await choice.check();
      await sam.getByTestId('picked-held-by').waitFor();
      await sam.getByLabel(/Put this deal on it as well/).check();
      // The people pickers offer the dealership's active salespeople and managers by name.
      const managerBox = sam.getByLabel('Sales manager');
      await managerBox
        .locator('option', { hasText: 'Morgan Manager' })
        .waitFor({ state: 'attached' });
      expect(await sam.getByLabel('Salesperson').locator('option').allTextContents()).toEqual(
        expect.arrayContaining(['Sam Sales', 'Riley Rivera']),
      );
      await managerBox.selectOption({ label: 'Morgan Manager' });
      await sam.getByRole('button', { name: 'Save changes' }).click();
      await sam.getByRole('form', { name: 'Edit deal' }).waitFor({ state: 'detached' });
      await sam.getByRole('link', { name: other.stockNumber }).waitFor();
      const saved = await gql(
        system.routerUrl,
        'query($id: ID!) { deal(id: $id) { salesManager { displayName } vehicle { id } } }',
        { token: tokens.sales, variables: { id: mine.id } },
      );
      expect(must(saved).deal).toEqual({
        salesManager: { displayName: 'Morgan Manager' },
        vehicle: { id: other.id },
      });
    });
  },
);

describe('lease residual as a percentage; Mark contracted', { timeout: 90_000 }, () => {
  let sales: Page;
  let finance: Page;
  beforeAll(async () => {
    sales = await newPage('sales');
    finance = await newPage('finance');
  });
  shootOnFailure(() => ({ sales, finance }));

  it('the scenario editor shows and takes the residual as % of MSRP', async () => {
    const lease = {
      kind: 'LEASE',
      name: 'Lease 36',
      select: true,
      lease: { moneyFactor: '0.00125', residualRate: '0.60', termMonths: 36, cashDown: '2000' },
    };
    const d = await deal((await vehicle()).id, await buyer('Lessee'), [lease]);
    await sales.goto(`${system.webUrl}/deals/${d.id}`);
    await sales.getByRole('button', { name: 'Edit terms of Lease 36' }).click();
    const dialog = sales.getByRole('dialog');
    const residual = dialog.getByLabel('Residual % of MSRP');
    expect(await residual.inputValue()).toBe('60');
    await residual.fill('55%');
    await dialog.getByRole('button', { name: 'Save terms' }).click();
    await dialog.waitFor({ state: 'detached' });
    await sales.getByTestId('scenario-LEASE').filter({ hasText: 'residual 55%' }).waitFor();
  });

  it('F&I marks a deal contracted with lender, contract number and date', async () => {
    const d = await deal((await vehicle()).id, await buyer('Signed'), [FINANCE]);
    let v = await move('sales', 'submitDeal', d.id, d.version);
    v = await move('manager', 'approveDeal', d.id, v);
    await move('manager', 'sendDealToFinance', d.id, v);

    await finance.goto(`${system.webUrl}/deals/${d.id}`);
    await finance.getByRole('button', { name: 'Mark contracted' }).click();
    const dialog = finance.getByRole('dialog', { name: 'Mark contracted' });
    expect(await dialog.getByTestId('contract-summary').textContent()).toContain(
      `Deal #${d.dealNumber} · Maria Signed`,
    );
    // The lender comes from the scenario; the contract number is asked for in words.
    expect(await dialog.getByLabel('Lender').inputValue()).toBe('Ally Financial');
    await dialog.getByRole('button', { name: 'Mark contracted' }).click();
    await dialog.getByText('Enter the contract number from the signed contract.').waitFor();
    expect(await finance.getByTestId('deal-status').textContent()).toBe('In finance');

    await dialog.getByLabel('Contract number').fill('RIC-2026-0778');
    await dialog.getByLabel('Contract date').fill('2026-12-05');
    await dialog.getByRole('button', { name: 'Mark contracted' }).click();
    await dialog.waitFor({ state: 'detached' });
    await finance.getByTestId('deal-status').filter({ hasText: 'Contracted' }).waitFor();
    const recorded = await finance.getByTestId('deal-contract').textContent();
    expect(recorded).toContain('with Ally Financial, contract RIC-2026-0778');
    expect(recorded).toContain('Frankie Finance');
    // The next step is delivery.
    await finance.getByRole('button', { name: 'Mark delivered' }).waitFor();
    await shot(finance, 'staff-contracted');
  });
});

describe('plain-word title fee; inventory re-import by VIN', { timeout: 90_000 }, () => {
  let sales: Page;
  let manager: Page;
  beforeAll(async () => {
    sales = await newPage('sales');
    manager = await newPage('manager');
  });
  shootOnFailure(() => ({ sales, manager }));

  it('a Texas title fee is asked as the buyer’s county, and then included', async () => {
    const cash = { kind: 'CASH', name: 'Cash', select: true };
    const d = await deal((await vehicle()).id, await buyer('Texan'), [cash]);
    await sales.goto(`${system.webUrl}/deals/${d.id}`);
    const card = sales.getByTestId('scenario-CASH');
    // The scenario says what the fee depends on in words, never the engine's tier names.
    await card.filter({ hasText: "TX title fee depends on the buyer's county" }).waitFor();
    expect(await sales.locator('body').textContent()).not.toMatch(/feeTier|NONATTAINMENT/);

    await sales.getByRole('button', { name: 'Edit deal' }).click();
    const form = sales.getByRole('form', { name: 'Edit deal' });
    const county = form.getByLabel("Title fee depends on the buyer's county");
    await county.waitFor();
    expect(await county.locator('option').allTextContents()).toEqual([
      'Choose…',
      expect.stringMatching(/^\$33\.00 — a county with vehicle emissions testing/),
      '$28.00 — any other Texas county',
    ]);
    await county.selectOption('33.00');
    expect(await form.getByLabel('Title fee', { exact: true }).inputValue()).toBe('33.00');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await card.filter({ hasNotText: 'title fee depends' }).waitFor();
    const read = await gql(
      system.routerUrl,
      'query($id: ID!) { deal(id: $id) { titleFee selectedScenario { lines { label amount } notices } } }',
      { token: tokens.sales, variables: { id: d.id } },
    );
    const saved = must(read).deal;
    expect(saved.titleFee).toBe('33.00');
    expect(saved.selectedScenario.notices.join(' ')).not.toMatch(/title fee/i);
  });

  it('an ADF lead links the car it names by stock number, and a deal starts from it', async () => {
    const car = await vehicle();
    await sales.goto(`${system.webUrl}/customers/import-lead`);
    await sales.getByLabel(/ADF\/XML lead/).fill(`<?xml version="1.0"?><?ADF VERSION "1.0"?>
<adf><prospect status="new"><id sequence="1" source="staff-e2e">STAFF-${car.stockNumber}</id>
<requestdate>2026-12-05T14:32:10-06:00</requestdate>
<vehicle interest="buy" status="new"><year>2023</year><make>Hyundai</make><model>Kona</model>
<stock>${car.stockNumber}</stock></vehicle>
<vehicle interest="trade-in" status="used"><year>2012</year><make>Honda</make><model>Civic</model></vehicle>
<customer><contact><name part="first">Lena</name><name part="last">Leadwell</name>
<email>lena.leadwell@example.com</email></contact></customer>
<provider><name part="full">Staff Leads</name></provider></prospect></adf>`);
    await sales.getByRole('button', { name: 'Import lead' }).click();
    const wanted = sales.getByTestId('lead-vehicle-0');
    await wanted
      .filter({ hasText: `in stock: 2023 Hyundai Kona · stock ${car.stockNumber}` })
      .waitFor();
    expect(await sales.getByTestId('lead-vehicle-1').textContent()).toContain(
      'no VIN or stock number',
    );
    await wanted.getByRole('link', { name: 'Start a deal on it' }).click();
    await sales.getByRole('radio', { name: /Lena Leadwell/ }).waitFor();
    expect(await sales.getByRole('radio', { name: /Lena Leadwell/ }).isChecked()).toBe(true);
    const kona = sales.getByRole('radio', { name: new RegExp(car.stockNumber) });
    await kona.waitFor();
    expect(await kona.isChecked()).toBe(true);
  });

  it('a re-import updates a unit already in inventory by VIN and says so', async () => {
    const car = await vehicle();
    const read = async () =>
      must(
        await gql(
          system.routerUrl,
          'query($id: ID!) { vehicle(id: $id) { vin listPrice mileage status } }',
          { token: tokens.manager, variables: { id: car.id } },
        ),
      ).vehicle as { vin: string; listPrice: string; mileage: number; status: string };
    const before = await read();
    const csv = [
      'VIN,Stock,Year,Make,Model,Mileage,Condition,Price',
      `${before.vin},${car.stockNumber},2023,Hyundai,Kona,1234,New,24995`,
    ].join('\n');
    await manager.goto(`${system.webUrl}/inventory/import`);
    await manager.getByLabel('CSV file').setInputFiles({
      name: 'dms-feed.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await manager.getByRole('button', { name: 'Import' }).click();
    const report = manager.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain(
      '0 imported, 1 updated by VIN, 0 refused, of 1 rows',
    );
    expect(await read()).toMatchObject({ listPrice: '24995.00', mileage: 1234 });
  });
});
