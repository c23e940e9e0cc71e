// Deal numbers (sequential per dealership, gapless for committed deals, unique under concurrency) and
// the lease grid against a stored deal, on real PostgreSQL. Also the 0003 migration's numbering of
// deals that existed before it.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { DealService, type Caller } from '../src/domain/deal-service.ts';
import type { CustomerFacts, GraphClient, VehicleFacts } from '../src/domain/graph.ts';
import { leaseGrid as leaseGridArgs } from '../src/domain/inputs.ts';
import { dealLeaseGrid } from '../src/domain/scenarios.ts';
import { migrations } from '../src/migrations/index.ts';

let database: TestDatabase;
let db: Database;
let service: DealService;

const ALL = ['deals.read', 'deals.write', 'deals.approve', 'deals.gross.read', 'admin.settings'];
const principal = (dealershipId: string): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username: 'u',
  roles: ['manager'],
  permissions: ALL,
});

/** Customers and vehicles by dealership; a token sees only its own dealership's. */
const owners = new Map<string, string>();
const tokens = new Map<string, string>();
const graph: GraphClient = {
  async refs(c, ids, vehicleId) {
    return { customers: await graph.customers(c, ids), vehicle: await graph.vehicle(c, vehicleId) };
  },
  async customers(c, ids) {
    const out = new Map<string, CustomerFacts>();
    for (const id of ids) {
      if (owners.get(id) !== tokens.get(c.token)) throw new AppError('NOT_FOUND', 'no customer');
      out.set(id, { id, addresses: [{ kind: 'HOME', state: 'TX', zip: '78701', county: null }] });
    }
    return out;
  },
  async vehicle(c, id): Promise<VehicleFacts> {
    if (owners.get(id) !== tokens.get(c.token)) throw new AppError('NOT_FOUND', 'no vehicle');
    return {
      id,
      status: 'AVAILABLE',
      condition: 'NEW',
      msrp: new Decimal('31000'),
      listPrice: new Decimal('29500'),
      cost: null,
    };
  },
  vehicleCosts: () => Promise.reject(new Error('not used here')),
  localRate: () => Promise.resolve(null),
  request: () => Promise.reject(new Error('not used here')),
};

function as(p: Principal): Caller {
  const token = randomUUID();
  tokens.set(token, p.dealershipId);
  return { principal: p, requestId: 'test', token };
}
function owned(dealershipId: string): string {
  const id = randomUUID();
  owners.set(id, dealershipId);
  return id;
}

/** A dealership with one user and a helper that opens a deal there. */
function dealership() {
  const p = principal(randomUUID());
  const create = (extra: Record<string, unknown> = {}) =>
    service.create(as(p), {
      buyerId: owned(p.dealershipId),
      vehicleId: owned(p.dealershipId),
      dealDate: '2026-11-20',
      ...extra,
    });
  return { p, create };
}

async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return (e as { extensions?: Record<string, unknown> }).extensions ?? { message: String(e) };
  }
  throw new Error('expected an error');
}

async function ownerSql(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'deals', migrations, poolSize: 10 });
  await db.migrate();
  service = new DealService(db, graph);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('deal numbers', () => {
  it('are sequential per dealership from 1001; two dealerships count separately', async () => {
    const a = dealership();
    const b = dealership();
    const a1 = await a.create();
    const b1 = await b.create();
    const a2 = await a.create();
    const a3 = await a.create();
    const b2 = await b.create();
    expect([a1, a2, a3].map((d) => d.dealNumber)).toEqual([1001, 1002, 1003]);
    expect([b1, b2].map((d) => d.dealNumber)).toEqual([1001, 1002]);
    expect((await service.byId(a.p, a2.id))?.dealNumber).toBe(1002);
    expect((await service.settings(a.p)).lastDealNumber).toBe(1003);
    const created = (await service.eventsOf(a.p, [a2.id])).get(a2.id)![0]!;
    expect(created.kind).toBe('CREATED');
    expect(created.changes).toContainEqual({ field: 'dealNumber', from: null, to: '1002' });
  });

  it('20 parallel creates get 20 distinct consecutive numbers', async () => {
    const a = dealership();
    const deals = await Promise.all(Array.from({ length: 20 }, () => a.create()));
    const numbers = deals.map((d) => d.dealNumber).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => 1001 + i));
    const stored = await service.search(a.p, {}, 'CREATED_DESC', 100, null);
    expect(new Set(stored.edges.map((e) => e.node.dealNumber)).size).toBe(20);
  });

  it('a failed create does not use up a number (refused input, and a failure after the number was taken)', async () => {
    const a = dealership();
    expect((await a.create()).dealNumber).toBe(1001);
    // The engine refuses the lease inside the transaction (residual above the MSRP).
    const lease = {
      kind: 'LEASE' as const,
      lease: { moneyFactor: '0.002', residualValue: '40000', termMonths: 36 },
    };
    expect(await failure(a.create({ scenarios: [lease] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    // A failure after the counter was bumped: a trigger refuses the CREATED event of this deal.
    await ownerSql(
      database.url,
      `create function deals.test_refuse_event() returns trigger language plpgsql as $$
       begin raise exception 'refused by test'; end $$;
       create trigger test_refuse_event before insert on deals.events for each row
         when (new.changes::text like '%FAIL-AFTER-NUMBER%') execute function deals.test_refuse_event();`,
    );
    try {
      await expect(
        a.create({ rebates: [{ code: 'FAIL-AFTER-NUMBER', amount: '100' }] }),
      ).rejects.toThrow(/refused by test/);
    } finally {
      await ownerSql(
        database.url,
        'drop trigger test_refuse_event on deals.events; drop function deals.test_refuse_event()',
      );
    }
    expect((await a.create()).dealNumber).toBe(1002);
    const all = await service.search(a.p, {}, 'CREATED_DESC', 100, null);
    expect(all.edges.map((e) => e.node.dealNumber)).toEqual([1002, 1001]);
  });

  it('dealByNumber and the dealNumber filter see the own dealership only', async () => {
    const a = dealership();
    const b = dealership();
    const mine = await a.create();
    const theirs = await b.create();
    expect(mine.dealNumber).toBe(theirs.dealNumber);
    expect((await service.byNumber(a.p, mine.dealNumber))?.id).toBe(mine.id);
    expect((await service.byNumber(b.p, mine.dealNumber))?.id).toBe(theirs.id);
    const c = dealership(); // no deals at all
    expect(await service.byNumber(c.p, mine.dealNumber)).toBeNull();
    expect(await service.byNumber(a.p, 999_999)).toBeNull();
    const filtered = await service.search(
      a.p,
      { dealNumber: mine.dealNumber },
      'DEAL_DATE_DESC',
      25,
      null,
    );
    expect(filtered.edges.map((e) => e.node.id)).toEqual([mine.id]);
    const other = await service.search(
      c.p,
      { dealNumber: mine.dealNumber },
      'DEAL_DATE_DESC',
      25,
      null,
    );
    expect(other.edges).toEqual([]);
    expect(
      await failure(service.search(a.p, { dealNumber: 0 }, 'DEAL_DATE_DESC', 25, null)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.dealNumber' });
    // The counter row is tenant-owned too: RLS shows no other dealership's row.
    const rows = await db.withTenant({ dealershipId: a.p.dealershipId, userId: a.p.userId }, (em) =>
      em.execute<{ dealership_id: string }[]>('select dealership_id from deals.deal_counters'),
    );
    expect(rows.map((r) => r.dealership_id)).toEqual([a.p.dealershipId]);
  });

  it('firstDealNumber starts the numbering; once a deal exists it cannot change', async () => {
    const a = dealership();
    const before = await service.settings(a.p);
    expect([before.firstDealNumber, before.lastDealNumber]).toEqual([1001, null]);
    expect(
      await failure(service.updateSettings(a.p, before.version, { firstDealNumber: 0 })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.firstDealNumber' });
    const set = await service.updateSettings(a.p, before.version, { firstDealNumber: 50001 });
    expect(set.firstDealNumber).toBe(50001);
    const again = await service.updateSettings(a.p, set.version, { firstDealNumber: 7001 });
    expect(again.firstDealNumber).toBe(7001);
    expect((await a.create()).dealNumber).toBe(7001);
    expect((await a.create()).dealNumber).toBe(7002);
    const now = await service.settings(a.p);
    expect([now.firstDealNumber, now.lastDealNumber]).toEqual([7001, 7002]);
    expect(
      await failure(
        service.updateSettings(a.p, now.version, { firstDealNumber: 1, defaultDocFee: '99' }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.firstDealNumber' });
    const after = await service.settings(a.p);
    expect(after.version).toBe(now.version); // nothing changed, the doc fee neither
    expect(after.defaultDocFee.toFixed(2)).toBe(now.defaultDocFee.toFixed(2));
    // Giving the same first number again (a form that sends every field) is fine.
    const same = await service.updateSettings(a.p, now.version, {
      firstDealNumber: 7001,
      defaultDocFee: '99',
    });
    expect(same.defaultDocFee.toFixed(2)).toBe('99.00');
    // Another dealership is untouched.
    expect((await service.settings(dealership().p)).firstDealNumber).toBe(1001);
  });
});

describe('the lease grid on a stored deal', () => {
  it('a cell equals the monthly payment of a lease scenario added with the same inputs', async () => {
    const a = dealership();
    const deal = await a.create({
      tradeIns: [{ allowance: '6000', payoff: '2500' }],
      products: [
        { kind: 'GAP', price: '795' },
        { kind: 'MAINTENANCE', price: '400' },
      ],
      rebates: [{ code: 'LEASE-CASH', amount: '750' }],
      docFee: '150',
      scenarios: [
        { kind: 'FINANCE', finance: { apr: '6.9', termMonths: 60 } },
        {
          kind: 'LEASE',
          lease: {
            moneyFactor: '0.00185',
            residualPercent: '0.56',
            termMonths: 36,
            milesPerYear: 12000,
            cashDown: '2000',
            acquisitionFee: '695',
          },
        },
      ],
    });
    // Defaults from the (not selected, first) lease scenario; 3 terms × 3 cash downs.
    const lease = deal.scenarios.find((s) => s.lease)!.lease!;
    const { cashDowns, ...at } = leaseGridArgs({ cashDowns: ['0', '2000', '4000'] }, lease);
    const grid = dealLeaseGrid(deal, at, [24, 36, 39], cashDowns);
    expect(grid.milesPerYear).toBe(12000);
    const scenarioAt = async (termMonths: number, cashDown: string) => {
      const current = (await service.byId(a.p, deal.id))!;
      const added = await service.addScenario(as(a.p), deal.id, current.version, {
        kind: 'LEASE',
        lease: {
          moneyFactor: '0.00185',
          residualPercent: '0.56',
          termMonths,
          milesPerYear: 12000,
          cashDown,
          acquisitionFee: '695',
        },
      });
      return added.scenarios.at(-1)!.result;
    };
    for (const [i, j, termMonths, cashDown] of [
      [1, 1, 36, '2000'],
      [0, 0, 24, '0'],
      [2, 2, 39, '4000'],
    ] as const) {
      const r = await scenarioAt(termMonths, cashDown);
      const cell = grid.rows[i]!.cells[j]!;
      expect(cell.monthlyPayment.toFixed(2)).toBe(
        new Decimal(r.totalMonthlyPayment as string).toFixed(2),
      );
      expect(cell.dueAtSigning.toFixed(2)).toBe(new Decimal(r.dueAtSigning as string).toFixed(2));
    }
  });
});

describe('migration 0003', () => {
  it('numbers existing deals per dealership in deal-date, then creation, order; new deals follow', async () => {
    const old = await createTestDatabase();
    const before = await openDatabase({
      url: old.url,
      schema: 'deals',
      migrations: migrations.filter((m) => m.name < '0003-deal-numbers'),
    });
    const A = randomUUID();
    const B = randomUUID();
    const insert = (dealershipId: string, dealDate: string, createdAt: string) =>
      before.withTenant({ dealershipId, userId: null }, async (em) => {
        const rows = await em.execute<{ id: string }[]>(
          `insert into deals.deals (dealership_id, buyer_id, vehicle_id, deal_date, buyer_state,
             vehicle_condition, selling_price, created_at)
           values (?, gen_random_uuid(), gen_random_uuid(), ?::date, 'TX', 'NEW', 20000, ?::timestamptz)
           returning id`,
          [dealershipId, dealDate, createdAt],
        );
        return rows[0]!.id;
      });
    let after: Database | undefined;
    try {
      await before.migrate();
      const a3 = await insert(A, '2026-03-01', '2026-03-01T10:00:00Z');
      const a1 = await insert(A, '2026-01-15', '2026-02-01T10:00:00Z');
      const a2 = await insert(A, '2026-01-15', '2026-02-02T10:00:00Z');
      const b1 = await insert(B, '2026-02-01', '2026-02-01T09:00:00Z');
      await before.close();
      after = await openDatabase({ url: old.url, schema: 'deals', migrations });
      // 0003 and every later migration run on the old database, in order.
      expect(await after.migrate()).toEqual(migrations.slice(2).map((m) => m.name));
      expect(migrations[2]!.name).toBe('0003-deal-numbers');
      const numbers = async (dealershipId: string) =>
        after!.withTenant({ dealershipId, userId: null }, (em) =>
          em.execute<{ id: string; deal_number: number }[]>(
            'select id, deal_number from deals.deals order by deal_number',
          ),
        );
      expect(await numbers(A)).toEqual([
        { id: a1, deal_number: 1001 },
        { id: a2, deal_number: 1002 },
        { id: a3, deal_number: 1003 },
      ]);
      expect(await numbers(B)).toEqual([{ id: b1, deal_number: 1001 }]);
      // The counters continue where the backfill stopped; RLS is forced again on deals.deals.
      const svc = new DealService(after, graph);
      const p = principal(A);
      const next = await svc.create(as(p), { buyerId: owned(A), vehicleId: owned(A) });
      expect(next.dealNumber).toBe(1004);
      expect((await svc.settings(p)).lastDealNumber).toBe(1004);
      expect(
        await ownerSql(
          old.url,
          `select relname, relrowsecurity, relforcerowsecurity from pg_class
           where oid in ('deals.deals'::regclass, 'deals.deal_counters'::regclass) order by relname`,
        ),
      ).toEqual([
        { relname: 'deal_counters', relrowsecurity: true, relforcerowsecurity: true },
        { relname: 'deals', relrowsecurity: true, relforcerowsecurity: true },
      ]);
    } finally {
      await after?.close();
      await old.drop();
    }
  }, 60_000);
});
