// Live deal activity through the real system (processes, router, graphql-ws): events arrive after
// commit with cross-subgraph fields (the buyer from customers), a rolled-back change sends nothing,
// another dealership hears nothing, and a salesperson never receives costs or gross.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  addVehicleVia,
  createCustomerVia,
  gql,
  login,
  must,
  provisionOtherDealership,
  startTestSystem,
  testVin,
  type TestSystem,
} from './support.ts';

let sys: TestSystem;
let manager: string;
let sales: string;
let rival: string;
const clients: Client[] = [];

interface Outcome {
  next: Array<{ data?: any; errors?: Array<{ message: string; extensions?: any }> }>;
  error?: Array<{ message: string; extensions?: any }>;
  closed?: number;
}

function subscribe(token: string | undefined, query: string, variables?: Record<string, unknown>) {
  const client = createClient({
    url: sys.routerUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  clients.push(client);
  const outcome: Outcome = { next: [] };
  let acked!: () => void;
  const connected = new Promise<void>((r) => (acked = r));
  client.on('connected', () => acked());
  client.on('closed', (e) => void (outcome.closed = (e as { code: number }).code));
  const stop = client.subscribe(
    { query, variables },
    {
      next: (v) => void outcome.next.push(v as Outcome['next'][number]),
      error: (e) => void (Array.isArray(e) ? (outcome.error = e) : undefined),
      complete: () => undefined,
    },
  );
  return { outcome, stop, connected };
}

async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
}

const ACTIVITY = `subscription Activity($dealId: ID) {
  dealEvents(dealId: $dealId) {
    event { kind fromStatus toStatus changes { field } }
    deal { id status version buyer { lastName } }
  }
}`;

let seq = 0;
async function newDeal(token: string, lastName: string, vehicleToken = manager) {
  seq++;
  const vehicleId = await addVehicleVia(sys.routerUrl, vehicleToken, {
    vin: testVin('1HGCM8260PA', 300000 + seq),
    stockNumber: `RT${Date.now()}${seq}`,
    year: 2023,
    make: 'Hyundai',
    model: 'Kona',
    mileage: 10,
    condition: 'NEW',
    msrp: '26000.00',
    listPrice: '25000.00',
    cost: '18000.00',
  });
  const buyerId = await createCustomerVia(sys.routerUrl, token, {
    firstName: 'Dana',
    lastName,
    addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
  });
  const res = must(
    await gql(
      sys.routerUrl,
      `mutation($i: CreateDealInput!) { createDeal(input: $i) { id version } }`,
      {
        token,
        variables: {
          i: {
            buyerId,
            vehicleId,
            dealDate: '2026-11-20',
            scenarios: [
              {
                kind: 'FINANCE',
                name: '60 mo',
                finance: { lender: 'CU', buyRate: '5.00', termMonths: 60, downPayment: '2000' },
              },
            ],
          },
        },
      },
    ),
  );
  return res.createDeal as { id: string; version: number };
}

/**
 * Makes deals until the subscription hears one (its upstream subscription is live: opening it takes
 * a moment after connection_ack), then forgets the warm-up events. Each deal names a new id, so once
 * one is heard every earlier one was heard or never will be.
 */
async function warm(sub: { outcome: Outcome }, token: string, vehicleToken = manager) {
  for (let i = 0; i < 30; i++) {
    const d = await newDeal(token, 'Warmup', vehicleToken);
    const heard = () => sub.outcome.next.some((n) => n.data?.dealEvents?.deal?.id === d.id);
    if (await until(heard, 1000)) {
      sub.outcome.next.length = 0;
      return;
    }
  }
  throw new Error('the subscription never became live');
}

beforeAll(async () => {
  sys = await startTestSystem();
  await provisionOtherDealership(sys.databaseUrl, 'realtime-rival', ['admin']);
  manager = (await login(sys.routerUrl, 'manager')).accessToken;
  sales = (await login(sys.routerUrl, 'sales')).accessToken;
  rival = (await login(sys.routerUrl, 'realtime-rival')).accessToken;
}, 180_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await sys?.shutdown();
});

describe('deal activity through the router', () => {
  it('refuses a socket without a token (4401)', async () => {
    const { outcome } = subscribe(undefined, ACTIVITY);
    expect(await until(() => outcome.closed !== undefined)).toBe(true);
    expect(outcome.closed).toBe(4401);
  });

  it('streams committed events with the buyer from customers, to this dealership only', async () => {
    const mine = subscribe(sales, ACTIVITY);
    const theirs = subscribe(rival, ACTIVITY);
    await Promise.all([mine.connected, theirs.connected]);
    await warm(mine, sales);
    await warm(theirs, rival, rival);
    const deal = await newDeal(sales, 'Liveley');
    expect(await until(() => mine.outcome.next.length >= 1)).toBe(true);
    const first = mine.outcome.next[0]!;
    expect(first.errors).toBeUndefined();
    expect(first.data.dealEvents).toMatchObject({
      event: { kind: 'CREATED', toStatus: 'DRAFT' },
      deal: { id: deal.id, status: 'DRAFT', buyer: { lastName: 'Liveley' } },
    });
    // A salesperson's copy of the events leaves the dealer's costs out, as the deal's history does.
    const fields = first.data.dealEvents.event.changes.map((c: { field: string }) => c.field);
    expect(fields).toContain('sellingPrice');
    expect(fields).not.toContain('vehicleCost');

    // A stale version is refused (CONFLICT): rolled back, nothing published.
    const stale = await gql(
      sys.routerUrl,
      `mutation($id: ID!) { submitDeal(id: $id, version: 99) { id } }`,
      { token: sales, variables: { id: deal.id } },
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    must(
      await gql(
        sys.routerUrl,
        `mutation($id: ID!, $v: Int!) { submitDeal(id: $id, version: $v) { id } }`,
        { token: sales, variables: { id: deal.id, v: deal.version } },
      ),
    );
    expect(await until(() => mine.outcome.next.length >= 2)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(mine.outcome.next.map((n) => n.data.dealEvents.event.kind)).toEqual([
      'CREATED',
      'TRANSITION',
    ]);
    expect(mine.outcome.next[1]!.data.dealEvents.deal).toMatchObject({ status: 'SUBMITTED' });
    expect(theirs.outcome.next).toEqual([]);
    mine.stop();
    theirs.stop();
  });

  it('gives a manager the costs and refuses gross to a salesperson', async () => {
    const boss = subscribe(manager, ACTIVITY);
    const nosy = subscribe(
      sales,
      'subscription { dealEvents { deal { id grossProfit { frontGross } } } }',
    );
    await boss.connected;
    expect(await until(() => !!nosy.outcome.error)).toBe(true);
    expect(nosy.outcome.error![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    await warm(boss, manager);
    await newDeal(manager, 'Costly');
    expect(await until(() => boss.outcome.next.length >= 1)).toBe(true);
    const fields = boss.outcome.next[0]!.data.dealEvents.event.changes.map(
      (c: { field: string }) => c.field,
    );
    expect(fields).toContain('vehicleCost');
    boss.stop();
  });

  it('follows one deal when asked', async () => {
    const a = await newDeal(sales, 'Alpha');
    const b = await newDeal(sales, 'Beta');
    const one = subscribe(sales, ACTIVITY, { dealId: b.id });
    await one.connected;
    // Live once an edit of b is heard (a's changes never come through this filter).
    for (let i = 0; i < 30 && one.outcome.next.length === 0; i++) {
      const current = must(
        await gql(sys.routerUrl, `query($id: ID!) { deal(id: $id) { version } }`, {
          token: sales,
          variables: { id: b.id },
        }),
      ).deal.version as number;
      must(
        await gql(
          sys.routerUrl,
          `mutation($id: ID!, $v: Int!) { updateDeal(id: $id, version: $v, input: { docFee: "${100 + i}" }) { id } }`,
          { token: sales, variables: { id: b.id, v: current } },
        ),
      );
      await until(() => one.outcome.next.length > 0, 1000);
    }
    expect(one.outcome.next.length).toBeGreaterThan(0);
    one.outcome.next.length = 0;
    b.version = must(
      await gql(sys.routerUrl, `query($id: ID!) { deal(id: $id) { version } }`, {
        token: sales,
        variables: { id: b.id },
      }),
    ).deal.version;
    for (const d of [a, b]) {
      must(
        await gql(
          sys.routerUrl,
          `mutation($id: ID!, $v: Int!) { submitDeal(id: $id, version: $v) { id } }`,
          { token: sales, variables: { id: d.id, v: d.version } },
        ),
      );
    }
    expect(await until(() => one.outcome.next.length >= 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(one.outcome.next.map((n) => n.data.dealEvents.deal.id)).toEqual([b.id]);
    one.stop();
  });
});
