/// <reference lib="dom" />
// The learning engines in the browser, on the demo dealership as `npm start` seeds it (500 customers,
// 80 deals): segments and unusual deals for a manager, a customer's segment and lead suggestion, the
// recommended structure on the desk, and the team status board live — another user signing in and
// out, and a new deal, show up without a reload (issues 15 and 16). Screenshots: test-output/web/.
import type { Browser, BrowserContext, Page, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '@autolytiq/tools/redis-server.ts';
import { addVehicleVia, createCustomerVia, gql, login, must, testVin } from './support.ts';
import { launchBrowser, shootOnFailure, shot, signIn, startWebSystem } from './web-support.ts';

type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;
let system: WebSystem;
let redis: RunningRedis;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

/** Reloads `page` until `ready` resolves (ml learns in the background after start). */
async function reloadUntil(page: Page, ready: () => Promise<boolean>, ms = 180_000) {
  const end = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error('timed out waiting for the page');
    await page.waitForTimeout(3_000);
    await page.reload();
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  redis = await startRedis();
  // With Redis, a deal event reaches ml at once (it reads the deal and pushes the team status).
  system = await startWebSystem({ demoData: true, redisUrl: redis.url });
}, 400_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await system?.shutdown();
  await redis?.stop();
});

describe('web: what the learning engines say', { timeout: 240_000 }, () => {
  let manager: Page;
  let managerToken: string;
  beforeAll(async () => {
    manager = await newPage();
    await signIn(manager, system.webUrl, 'manager');
    managerToken = (await login(system.routerUrl, 'manager')).accessToken;
  });
  shootOnFailure(() => ({ manager }));

  it('shows the segments learned from the demo deals and the unusual ones to review', async () => {
    await manager.goto(`${system.webUrl}/segments`);
    await manager.getByRole('heading', { name: 'Customer segments' }).waitFor();
    await reloadUntil(manager, async () => (await manager.getByTestId('segment').count()) > 0);
    // The demo's cash, finance and lease customers are told apart (not one segment of everyone).
    expect(await manager.getByTestId('segment').count()).toBeGreaterThanOrEqual(2);
    const summary = await manager.getByTestId('segments-summary').textContent();
    const learned = Number(/Learned from (\d+) customers/.exec(summary ?? '')?.[1]);
    expect(learned).toBeGreaterThanOrEqual(30);
    expect(await manager.getByTestId('segment').first().textContent()).toMatch(/Approach:/);
    await manager.getByRole('heading', { name: /Unusual deals to review \(\d+\)/ }).waitFor();
    await shot(manager, 'ml-segments');
  });

  it('shows a customer’s segment and who should work their lead', async () => {
    const deals = must(
      await gql(
        system.routerUrl,
        '{ deals(first: 1, filter: { status: [DRAFT] }) { edges { node { id buyer { id } } } } }',
        { token: managerToken },
      ),
    ).deals.edges as { node: { id: string; buyer: { id: string } } }[];
    const buyerId = deals[0]!.node.buyer.id;
    await manager.goto(`${system.webUrl}/customers/${buyerId}`);
    const segment = manager.getByTestId('customer-segment');
    await reloadUntil(manager, async () => {
      await segment.waitFor();
      return !/No segment yet/.test((await segment.textContent()) ?? '');
    });
    expect(await segment.textContent()).toMatch(/^Segment (S\d+ · |Unusual)/);
    const lead = manager.getByTestId('lead-suggestion');
    await lead.waitFor();
    // The buyer's own salesperson keeps them (their deal is open).
    expect(await lead.textContent()).toMatch(
      /Suggested salesperson: .+Already works this customer/,
    );
    await shot(manager, 'ml-customer-insights');
  });

  it('recommends a deal structure on the desk, with its reason', async () => {
    const deals = must(
      await gql(
        system.routerUrl,
        '{ deals(first: 1, filter: { status: [DRAFT] }) { edges { node { id } } } }',
        { token: managerToken },
      ),
    ).deals.edges as { node: { id: string } }[];
    await manager.goto(`${system.webUrl}/deals/${deals[0]!.node.id}`);
    const card = manager.getByTestId('recommended-strategy');
    await card
      .filter({ hasText: /(Balanced finance|Low payment|Short term|Cash or incentive|Lease)/ })
      .waitFor({ timeout: 60_000 });
    expect(await card.textContent()).toMatch(/\d+ % likely the best/);
    await shot(manager, 'ml-desk-strategy');
  });
});

describe('web: the team status board is live', { timeout: 240_000 }, () => {
  let manager: Page;
  let riley: Page;
  beforeAll(async () => {
    manager = await newPage();
    await signIn(manager, system.webUrl, 'manager');
  });
  shootOnFailure(() => ({ manager, riley }));

  const row = (name: string) => manager.getByTestId('team-board-member').filter({ hasText: name });

  it('shows another user signing in and out without a reload', async () => {
    await manager.goto(`${system.webUrl}/team`);
    await manager.getByRole('heading', { name: 'Team status' }).waitFor();
    await manager
      .getByTestId('team-coherence')
      .filter({ hasText: /coherence/ })
      .waitFor();
    // The manager is online (the app shell's presence) though not in the sales network.
    await row('Morgan Manager').and(manager.locator('[data-online="true"]')).waitFor();
    await row('Riley Rivera').and(manager.locator('[data-online="false"]')).waitFor();

    riley = await newPage();
    await signIn(riley, system.webUrl, 'sales2');
    await row('Riley Rivera').and(manager.locator('[data-online="true"]')).waitFor();
    await shot(manager, 'ml-team-riley-online');

    await riley.getByRole('button', { name: 'Sign out' }).click();
    await riley.waitForURL(/\/sign-in/);
    await row('Riley Rivera').and(manager.locator('[data-online="false"]')).waitFor();
  });

  it('counts a new deal in the salesperson’s load without a reload', async () => {
    const load = async () => Number(await row('Sam Sales').locator('td').nth(3).textContent());
    await row('Sam Sales').waitFor();
    const before = await load();
    const managerToken = (await login(system.routerUrl, 'manager')).accessToken;
    const sales = (await login(system.routerUrl, 'sales')).accessToken;
    const vehicleId = await addVehicleVia(system.routerUrl, managerToken, {
      vin: testVin('1HGCM8260PA', 720001),
      stockNumber: `ML${Date.now()}`,
      year: 2024,
      make: 'Honda',
      model: 'Civic',
      mileage: 12,
      condition: 'NEW',
      msrp: '28000.00',
      listPrice: '27000.00',
      cost: '23000.00',
    });
    const buyerId = await createCustomerVia(system.routerUrl, sales, {
      firstName: 'Live',
      lastName: 'Board',
      addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
    });
    must(
      await gql(
        system.routerUrl,
        'mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }',
        {
          token: sales,
          variables: {
            i: {
              buyerId,
              vehicleId,
              scenarios: [{ kind: 'CASH', name: 'Cash', select: true }],
            },
          },
        },
      ),
    );
    await row('Sam Sales')
      .locator('td')
      .nth(3)
      .filter({ hasText: new RegExp(`^${before + 1}$`) })
      .waitFor({ timeout: 60_000 });
    await shot(manager, 'ml-team-live-load');
  });
});

describe('web: the live socket survives a session refresh', { timeout: 180_000 }, () => {
  let page: Page | undefined;
  shootOnFailure(() => ({ page }));

  it('hands the refreshed token to the router in-band and keeps the same socket', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.clock.install(); // time runs; fastForward jumps to the session's refresh
    page = await context.newPage();
    const refreshes: string[] = [];
    const answers: Record<string, unknown>[] = [];
    const parse = (payload: string | Buffer) => {
      try {
        return JSON.parse(String(payload)) as { type?: string; payload?: Record<string, unknown> };
      } catch {
        return null;
      }
    };
    const sockets: WebSocket[] = [];
    page.on('websocket', (ws) => {
      sockets.push(ws);
      ws.on('framesent', (f) => {
        const m = parse(f.payload);
        if (m?.type === 'ping' && typeof m.payload?.authorization === 'string')
          refreshes.push(m.payload.authorization);
      });
      ws.on('framereceived', (f) => {
        const m = parse(f.payload);
        if (m?.type === 'pong' && m.payload) answers.push(m.payload);
      });
    });
    await signIn(page, system.webUrl, 'sales');
    await page.goto(`${system.webUrl}/team`);
    const me = page.getByTestId('team-board-member').filter({ hasText: 'Sam Sales' });
    await me.and(page.locator('[data-online="true"]')).waitFor();
    // The team panel and the board share the tab's one connection: the newest one.
    const opened = sockets.length;
    const live = sockets.at(-1)!;

    // The access token lives 15 minutes; the session renews it a minute before.
    await page.clock.fastForward('14:05');
    await expect.poll(() => answers.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.clock.setSystemTime(Date.now()); // back to the real clock (the router's)
    expect(answers[0]).toEqual({ refreshed: true, expiresAt: expect.any(String) });
    expect(refreshes[0]).toMatch(/^Bearer \S+$/);

    // Still live on the same socket: another user's sign-in shows up.
    const riley = await newPage();
    await signIn(riley, system.webUrl, 'sales2');
    await page
      .getByTestId('team-board-member')
      .filter({ hasText: 'Riley Rivera' })
      .and(page.locator('[data-online="true"]'))
      .waitFor();
    expect(sockets).toHaveLength(opened); // no reconnect
    expect(live.isClosed()).toBe(false);
    await shot(page, 'ml-team-after-refresh');
  });
});
