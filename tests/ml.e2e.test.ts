// The ml subgraph through the real system (processes, router): it reads the dealership's deals
// through the graph with its own service token, answers honestly while it has too little data,
// keeps its jobs and models per dealership, and checks ml.read / ml.admin / deals.approve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let admin: string;
let sales: string;
let rival: string;

beforeAll(async () => {
  sys = await startTestSystem();
  await provisionOtherDealership(sys.databaseUrl, 'ml-rival', ['admin']);
  admin = (await login(sys.routerUrl, 'admin')).accessToken;
  sales = (await login(sys.routerUrl, 'sales')).accessToken;
  rival = (await login(sys.routerUrl, 'ml-rival')).accessToken;
});
afterAll(async () => {
  await sys?.shutdown();
});

async function until<T>(read: () => Promise<T | null | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value != null) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const SEGMENTS = `{ mlSegments { ready message customers needed segments { id } } }`;

describe('ml through the router', () => {
  let dealId: string;
  let buyerId: string;

  it('tells an empty dealership it has not enough data yet', async () => {
    const data = must(await gql(sys.routerUrl, SEGMENTS, { token: admin }));
    expect(data.mlSegments).toMatchObject({ ready: false, customers: 0, needed: 30, segments: [] });
    expect(data.mlSegments.message).toMatch(/^Not enough data yet/);
    const models = must(
      await gql(sys.routerUrl, '{ mlModels { engine version samples trainedAt } }', {
        token: admin,
      }),
    );
    expect(models.mlModels.map((m: { engine: string }) => m.engine).sort()).toEqual([
      'OSCILLATOR',
      'PRIME',
      'WHACO',
    ]);
  });

  it('reads a new deal through the graph and says why it recommends nothing yet', async () => {
    const vehicleId = await addVehicleVia(sys.routerUrl, admin, {
      vin: testVin('1HGCM8260PA', 710001),
      stockNumber: 'ML1',
      year: 2024,
      make: 'Honda',
      model: 'Civic',
      mileage: 12,
      condition: 'NEW',
      msrp: '28000.00',
      listPrice: '27000.00',
      cost: '23000.00',
    });
    buyerId = await createCustomerVia(sys.routerUrl, sales, {
      firstName: 'Ada',
      lastName: 'Learner',
      source: 'WEB_LEAD',
      addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
    });
    const created = must(
      await gql(sys.routerUrl, `mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }`, {
        token: sales,
        variables: {
          i: {
            buyerId,
            vehicleId,
            scenarios: [
              {
                kind: 'FINANCE',
                name: '84 mo',
                select: true,
                finance: { lender: 'CU', buyRate: '7.00', termMonths: 84, downPayment: '1000' },
              },
            ],
          },
        },
      }),
    );
    dealId = created.createDeal.id;
    const query = `query($id: ID!) { deal(id: $id) { id recommendedStrategy { strategy probability explanation } } }`;
    const rec = await until(async () => {
      const data = must(
        await gql(sys.routerUrl, query, { token: sales, variables: { id: dealId } }),
      );
      return data.deal.recommendedStrategy;
    });
    expect(rec).toMatchObject({ strategy: null, probability: 0 });
    expect(rec.explanation).toMatch(/^Not enough data yet: Prime has learned 0 deal outcomes/);
    const seen = must(await gql(sys.routerUrl, SEGMENTS, { token: admin }));
    expect(seen.mlSegments.customers).toBe(1);
    const customer = must(
      await gql(sys.routerUrl, 'query($id: ID!) { customer(id: $id) { id segment { id name } } }', {
        token: sales,
        variables: { id: buyerId },
      }),
    );
    expect(customer.customer).toEqual({ id: buyerId, segment: null });
  });

  it('shows the team network and assigns the customer to the salesperson on their deal', async () => {
    const me = must(await gql(sys.routerUrl, '{ me { id } }', { token: sales })).me.id as string;
    const team = must(
      await gql(
        sys.routerUrl,
        '{ teamStatus { ready coherence members { user { id } state load } bottlenecks { load } } }',
        { token: sales },
      ),
    ).teamStatus;
    expect(team.ready).toBe(true);
    expect(team.members).toEqual([
      expect.objectContaining({ user: { id: me }, load: 1, state: 'IN_RHYTHM' }),
    ]);
    const lead = must(
      await gql(
        sys.routerUrl,
        'query($c: ID!) { assignLead(customerId: $c) { salesperson { id } explanation } }',
        { token: sales, variables: { c: buyerId } },
      ),
    ).assignLead;
    expect(lead.salesperson).toEqual({ id: me });
    expect(lead.explanation).toMatch(/^Already works this customer's deal/);
    const theirs = must(
      await gql(sys.routerUrl, '{ teamStatus { ready members { load } } }', { token: rival }),
    ).teamStatus;
    expect(theirs).toEqual({ ready: false, members: [] });
  });

  it('retrains as a background job for ml.admin only, and the job stays in its dealership', async () => {
    const refused = await gql(sys.routerUrl, 'mutation { retrainSegments { id } }', {
      token: sales,
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outliers = await gql(sys.routerUrl, '{ mlOutlierDeals { totalCount } }', {
      token: sales,
    });
    expect(outliers.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const started = must(
      await gql(sys.routerUrl, 'mutation { retrainSegments { id status progress } }', {
        token: admin,
      }),
    );
    const id = started.retrainSegments.id as string;
    const job = await until(async () => {
      const data = must(
        await gql(sys.routerUrl, 'query($id: ID!) { mlJob(id: $id) { status progress message } }', {
          token: admin,
          variables: { id },
        }),
      );
      return data.mlJob.status === 'RUNNING' ? null : data.mlJob;
    });
    expect(job).toMatchObject({ status: 'COMPLETED', progress: 1 });
    expect(job.message).toMatch(/^Not enough data yet: 1 customers/);
    const theirs = must(
      await gql(sys.routerUrl, 'query($id: ID!) { mlJob(id: $id) { id } }', {
        token: rival,
        variables: { id },
      }),
    );
    expect(theirs.mlJob).toBeNull();
  });

  it('keeps another dealership out: no deals, no segments, its reset touches only itself', async () => {
    const before = must(
      await gql(sys.routerUrl, '{ mlModels { engine version } }', { token: admin }),
    ).mlModels;
    const theirs = must(await gql(sys.routerUrl, SEGMENTS, { token: rival }));
    expect(theirs.mlSegments.customers).toBe(0);
    const reset = must(
      await gql(sys.routerUrl, 'mutation { resetMlModels { engine version samples } }', {
        token: rival,
      }),
    );
    expect(reset.resetMlModels.every((m: { version: number }) => m.version === 1)).toBe(true);
    const after = must(
      await gql(sys.routerUrl, '{ mlModels { engine version } }', { token: admin }),
    ).mlModels;
    expect(after).toEqual(before);
    const deal = must(
      await gql(sys.routerUrl, 'query($id: ID!) { deal(id: $id) { id } }', {
        token: rival,
        variables: { id: dealId },
      }),
    );
    expect(deal.deal).toBeNull();
  });

  it('never suggests a deactivated salesperson (auth’s team, read through the graph)', async () => {
    const me = must(await gql(sys.routerUrl, '{ me { id } }', { token: sales })).me.id as string;
    const ask = `query($c: ID!) { assignLead(customerId: $c) { salesperson { id } explanation } }`;
    const before = must(
      await gql(sys.routerUrl, ask, { token: admin, variables: { c: buyerId } }),
    ).assignLead;
    expect(before.salesperson).toEqual({ id: me });
    expect(before.explanation).toMatch(/; not online now\.$/);
    must(
      await gql(sys.routerUrl, 'mutation($id: ID!) { deactivateUser(id: $id) { id } }', {
        token: admin,
        variables: { id: me },
      }),
    );
    const after = must(
      await gql(sys.routerUrl, ask, { token: admin, variables: { c: buyerId } }),
    ).assignLead;
    expect(after.salesperson).toBeNull();
    expect(after.explanation).toMatch(
      /^Their salesperson is no longer active\. Not enough data yet/,
    );
    const team = must(
      await gql(sys.routerUrl, '{ teamStatus { members { user { id } active online } } }', {
        token: admin,
      }),
    ).teamStatus;
    // teamStatus reads the team at most every 15 s: the change shows by then.
    expect(team.members).toHaveLength(1);
    const fresh = await until(async () => {
      const t = must(
        await gql(sys.routerUrl, '{ teamStatus { members { user { id } active online } } }', {
          token: admin,
        }),
      ).teamStatus;
      return t.members[0].active === false ? t : null;
    }, 30_000);
    expect(fresh.members).toEqual([{ user: { id: me }, active: false, online: false }]);
  });
});
