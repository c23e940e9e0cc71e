// Two of everything on one PostgreSQL and one Redis: two routers and two replicas of every subgraph
// (startSystem's `replicas: 2`, each set behind a round-robin balancer). What must stay single across
// replicas is proven by counting: migrations recorded once, each outbox row delivered and applied
// once, each mail sent once, a CSV import's rows saved once, one rate-limit budget for both routers,
// and each subscriber hears each event once whichever router and deals replica carry it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { createUser, migrations as authMigrations } from '@autolytiq/auth';
import { openDatabase } from '@autolytiq/kit';
import { startRedis, type RunningRedis } from '@autolytiq/tools/redis-server.ts';
import { startTestSmtpServer, type TestSmtpServer } from '@autolytiq/tools/test-smtp.ts';
import {
  addVehicleVia,
  createCustomerVia,
  gql,
  login,
  must,
  PASSWORD,
  startTestSystem,
  testVin,
  type TestSystem,
} from './support.ts';

let sys: TestSystem;
let redis: RunningRedis;
let smtp: TestSmtpServer;
let db: pg.Client;
let manager: string;
let sales: string;
const clients: Client[] = [];
// Anonymous requests per client address per minute, small enough to reach in a test.
const IP_LIMIT = 40;

beforeAll(async () => {
  redis = await startRedis();
  smtp = await startTestSmtpServer();
  sys = await startTestSystem({
    replicas: 2,
    redisUrl: redis.url,
    readyTimeoutMs: 600_000,
    env: { SMTP_URL: smtp.url, ROUTER_RATE_LIMIT_IP: String(IP_LIMIT) },
  });
  db = new pg.Client({ connectionString: sys.databaseUrl });
  await db.connect();
  manager = (await login(sys.routerUrl, 'manager')).accessToken;
  sales = (await login(sys.routerUrl, 'sales')).accessToken;
}, 1_500_000);

afterAll(async () => {
  for (const c of clients) await c.dispose();
  await db?.end();
  await sys?.shutdown();
  await smtp?.close();
  await redis?.stop();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.query(sql, params)).rows[0].n);

// Generous per-test time: on two shared cores fourteen processes answer slowly (no timing is asserted).
describe('two routers and two replicas of every subgraph', { timeout: 240_000 }, () => {
  it('ran each migration once, and every replica answers', async () => {
    for (const schema of ['auth', 'admin', 'deals', 'calc', 'customers', 'inventory']) {
      const { rows } = await db.query(
        `select name, count(*)::int as n from ${schema}.mikro_orm_migrations group by name`,
      );
      expect(rows.length, schema).toBeGreaterThan(0);
      expect(
        rows.filter((r) => r.n !== 1),
        schema,
      ).toEqual([]);
    }
    for (const [name, info] of Object.entries(sys.subgraphs)) {
      expect(info.replicaPorts, name).toHaveLength(2);
      for (const port of info.replicaPorts) {
        expect((await fetch(`http://127.0.0.1:${port}/ready`)).status, `${name}:${port}`).toBe(200);
      }
    }
  });

  it('spreads the load over both routers and both replicas of each subgraph', async () => {
    // Fresh connections (no keep-alive) so the balancers get to choose each time.
    for (let i = 0; i < 12; i++) {
      const res = await fetch(sys.routerUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${manager}`,
          connection: 'close',
        },
        body: JSON.stringify({ query: '{ me { username dealership { name } } }' }),
      });
      expect(res.status).toBe(200);
    }
    const spread = sys.spread();
    expect(
      spread.router!.every((n) => n > 0),
      JSON.stringify(spread),
    ).toBe(true);
    for (const name of ['auth', 'admin']) {
      expect(
        spread[name]!.every((n) => n > 0),
        `${name}: ${JSON.stringify(spread)}`,
      ).toBe(true);
    }
  });

  it('shares one rate limit between both routers (Redis)', async () => {
    // One client address (X-Forwarded-For from loopback is trusted) asking both routers in turn.
    const statuses: number[] = [];
    for (let i = 0; i < IP_LIMIT + 20; i++) {
      const res = await fetch(sys.routerUrls[i % 2]!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    // Counted per router the budget would be 2 × IP_LIMIT and nothing would be refused.
    expect(statuses.filter((s) => s === 200)).toHaveLength(IP_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  it('sends each mail once (both auth replicas run the relay)', async () => {
    const seed = sys.seed;
    const authDb = await openDatabase({
      url: sys.databaseUrl,
      schema: 'auth',
      migrations: authMigrations,
    });
    const names = Array.from({ length: 6 }, (_, i) => `mailer${i}`);
    try {
      for (const username of names) {
        await authDb.withTenant({ dealershipId: seed.dealershipId }, (em) =>
          createUser(em, {
            dealershipId: seed.dealershipId,
            username,
            displayName: username,
            email: `${username}@dealer.test`,
            password: PASSWORD,
            roles: ['salesperson'],
          }),
        );
      }
    } finally {
      await authDb.close();
    }
    for (const [i, username] of names.entries()) {
      const res = await gql(
        sys.routerUrls[i % 2]!,
        `mutation($l: String!) { requestPasswordReset(input: { login: $l }) }`,
        { variables: { l: username } },
      );
      expect(res.errors).toBeUndefined();
    }
    await smtp.waitFor(names.length, 60_000);
    // Give a second sender time to show itself, had there been one.
    await new Promise((r) => setTimeout(r, 3000));
    const ours = smtp.received.filter((m) => /^mailer\d@dealer\.test$/.test(m.to[0] ?? ''));
    expect(ours.map((m) => m.to[0]).sort()).toEqual(names.map((n) => `${n}@dealer.test`).sort());
    expect(new Set(ours.map((m) => m.header('message-id'))).size).toBe(names.length);
    const { rows } = await db.query(
      `select status, attempts from auth.mail_outbox where to_address like 'mailer%@dealer.test'`,
    );
    expect(rows).toHaveLength(names.length);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('saves a background CSV import once', async () => {
    const lines = ['VIN,Stock,Year,Make,Model,Mileage,Condition,Price'];
    for (let i = 0; i < 600; i++) {
      lines.push(
        `${testVin('1G1ZB5ST0PF', 800000 + i)},RP${i},2023,Chevrolet,Malibu,${i},Used,19000`,
      );
    }
    const started = must(
      await gql(
        sys.routerUrl,
        `mutation($csv: String!) { startVehicleImport(csv: $csv) { id status rows } }`,
        { token: manager, variables: { csv: lines.join('\n') } },
      ),
    ).startVehicleImport;
    const job = await until(
      async () =>
        must(
          await gql(
            sys.routerUrl,
            `query($id: ID!) { vehicleImportJob(id: $id) { status processedRows imported failed } }`,
            { token: manager, variables: { id: started.id } },
          ),
        ).vehicleImportJob,
      (j) => j.status !== 'RUNNING',
      120_000,
    );
    expect(job).toMatchObject({
      status: 'COMPLETED',
      processedRows: 600,
      imported: 600,
      failed: 0,
    });
    expect(
      await count(`select count(*) as n from inventory.vehicles where stock_number like 'RP%'`),
    ).toBe(600);
  });

  it('delivers each deal outbox message once, and each subscriber hears each event once', async () => {
    // A subscriber on each router, and one through the balancer.
    const heard = [sys.routerUrls[0]!, sys.routerUrls[1]!, sys.routerUrl].map((url) =>
      subscribe(url, manager),
    );
    await Promise.all(heard.map((h) => h.connected));
    const deals: string[] = [];
    // The upstream subscriptions open a moment after the ack: warm up until every subscriber hears.
    for (let i = 0; i < 30 && !heard.every((h) => h.events.length > 0); i++) {
      deals.push(await newDeal(i));
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(heard.every((h) => h.events.length > 0)).toBe(true);
    for (const h of heard) h.events.length = 0;
    const measured: string[] = [];
    for (let i = 0; i < 6; i++) measured.push(await newDeal(100 + i, true));
    deals.push(...measured);
    // Each measured deal: created, submitted, approved — three events per subscriber, no more.
    for (const h of heard) {
      const done = await until(
        async () => h.events.filter((e) => measured.includes(e.dealId)).length,
        (n) => n >= measured.length * 3,
      );
      expect(done).toBe(measured.length * 3);
    }
    await new Promise((r) => setTimeout(r, 1500));
    for (const h of heard) {
      const keys = h.events
        .filter((e) => measured.includes(e.dealId))
        .map((e) => `${e.dealId}:${e.kind}:${e.toStatus}`);
      expect(keys).toHaveLength(measured.length * 3);
      expect(new Set(keys).size).toBe(keys.length);
    }
    // Approval holds the vehicle: one outbox row per approved deal, delivered on the first attempt
    // by one relay of the two, applied by inventory once.
    const rows = await until(
      async () =>
        (
          await db.query(
            `select id, attempts, delivered_at from deals.outbox where deal_id = any($1::uuid[])`,
            [measured],
          )
        ).rows,
      (r) => r.length === measured.length && r.every((x) => x.delivered_at),
    );
    expect(rows).toHaveLength(measured.length);
    expect(rows.every((r) => r.delivered_at && r.attempts === 1)).toBe(true);
    expect(
      await count(
        'select count(*) as n from inventory.deal_status_events where event_id = any($1::uuid[])',
        [rows.map((r) => r.id)],
      ),
    ).toBe(measured.length);
  });
});

function subscribe(httpUrl: string, token: string) {
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  clients.push(client);
  const events: Array<{ dealId: string; kind: string; toStatus: string | null }> = [];
  let acked!: () => void;
  const connected = new Promise<void>((r) => (acked = r));
  client.on('connected', () => acked());
  client.subscribe(
    { query: 'subscription { dealEvents { event { kind toStatus } deal { id } } }' },
    {
      next: (v) => {
        const e = (v.data as any)?.dealEvents;
        if (e) events.push({ dealId: e.deal.id, kind: e.event.kind, toStatus: e.event.toStatus });
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return { events, connected };
}

async function newDeal(n: number, approve = false): Promise<string> {
  const vehicleId = await addVehicleVia(sys.routerUrl, manager, {
    vin: testVin('1HGCM8260PA', 500000 + n),
    stockNumber: `RD${Date.now()}${n}`,
    year: 2023,
    make: 'Hyundai',
    model: 'Kona',
    mileage: 10,
    condition: 'NEW',
    msrp: '26000.00',
    listPrice: '25000.00',
    cost: '18000.00',
  });
  const buyerId = await createCustomerVia(sys.routerUrl, sales, {
    firstName: 'Dana',
    lastName: `Replica${n}`,
    addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
  });
  const created = must(
    await gql(
      sys.routerUrl,
      `mutation($i: CreateDealInput!) { createDeal(input: $i) { id version } }`,
      {
        token: sales,
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
  ).createDeal as { id: string; version: number };
  if (!approve) return created.id;
  const submitted = must(
    await gql(
      sys.routerUrls[0]!,
      `mutation($id: ID!, $v: Int!) { submitDeal(id: $id, version: $v) { version } }`,
      { token: sales, variables: { id: created.id, v: created.version } },
    ),
  ).submitDeal;
  must(
    await gql(
      sys.routerUrls[1]!,
      `mutation($id: ID!, $v: Int!) { approveDeal(id: $id, version: $v) { version } }`,
      { token: manager, variables: { id: created.id, v: submitted.version } },
    ),
  );
  return created.id;
}
