// The demo dealership seed: counts, every deal state with consistent history and vehicle statuses,
// VINs valid and decodable offline, the same data from the same seed and day, seeded once, and no
// other dealership's rows touched.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Principal } from '@autolytiq/kit';
import {
  checkVin,
  createVinDecoder,
  VehicleService,
  migrations as inventoryMigrations,
} from '@autolytiq/inventory';
import { DEAL_STATUSES } from '@autolytiq/deals';
import { provisionDealership, migrations as adminMigrations } from '@autolytiq/admin';
import { createTestDatabase, type TestDatabase } from '../src/test-database.ts';
import { DEMO_DEALERSHIP_ID, seedDemo, type SeedResult } from '../src/seed.ts';
import { STATUS_COUNTS } from '../src/demo/deal-plans.ts';

// 22:30 in Austin on Nov 19 is already Nov 20 in UTC: the seed's "today" must be the dealership's.
const NOW = new Date('2026-11-20T04:30:00Z');
const OTHER = '00000000-0000-4000-8000-0000000000aa';

async function rows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Another dealership with a vehicle, to prove the seed leaves it alone. */
async function otherDealership(url: string) {
  const admin = await openDatabase({ url, schema: 'admin', migrations: adminMigrations });
  await admin.migrate();
  await provisionDealership(admin, {
    id: OTHER,
    name: 'Someone Else Motors',
    legalName: 'Someone Else Motors LLC',
    address: { line1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701', county: 'Travis' },
    timezone: 'America/Chicago',
  });
  await admin.close();
  const db = await openDatabase({ url, schema: 'inventory', migrations: inventoryMigrations });
  await db.migrate();
  const principal: Principal = {
    userId: '00000000-0000-4000-8000-0000000000ab',
    dealershipId: OTHER,
    sessionId: 's',
    username: 'other',
    roles: ['admin'],
    permissions: ['inventory.write'],
  };
  const decoder = createVinDecoder();
  await new VehicleService(db, decoder).add(principal, {
    vin: '1M8GDM9AXKP042788',
    stockNumber: 'X1',
    year: 2019,
    make: 'MCI',
    model: 'Coach',
    mileage: 10,
    condition: 'USED',
  });
  await decoder.close();
  await db.close();
}

/** What the seed made, without generated ids and timestamps (those differ between runs). */
async function fingerprint(url: string) {
  const vehicles = await rows<Record<string, string>>(
    url,
    `select vin, stock_number, year, make, model, condition, list_price::text, cost::text,
            in_stock_date::text, status from inventory.vehicles where dealership_id = $1 order by vin`,
    [DEMO_DEALERSHIP_ID],
  );
  const customers = await rows<Record<string, string>>(
    url,
    `select first_name, last_name, emails::text, addresses::text from customers.customers
      where dealership_id = $1 order by first_name, last_name, emails::text, addresses::text`,
    [DEMO_DEALERSHIP_ID],
  );
  const deals = await rows<Record<string, string>>(
    url,
    `select d.deal_number, d.status, d.deal_date::text, d.selling_price::text, v.vin,
            (select count(*) from deals.events e where e.deal_id = d.id)::int as events
       from deals.deals d join inventory.vehicles v on v.id = d.vehicle_id
      where d.dealership_id = $1 order by d.deal_number`,
    [DEMO_DEALERSHIP_ID],
  );
  return { vehicles, customers, deals };
}

describe('demo dealership seed', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let result: SeedResult;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await otherDealership(first.url);
    result = await seedDemo(first.url, 'demo-password-123', false, { demoData: true, now: NOW });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('seeds a lot, customers and deals in every state of the machine', async () => {
    expect(result.data).toMatchObject({ seeded: true, vehicles: 300, customers: 500, deals: 80 });
    const counted = await rows<{ status: string; n: number }>(
      first.url,
      'select status, count(*)::int as n from deals.deals where dealership_id = $1 group by status',
      [DEMO_DEALERSHIP_ID],
    );
    expect(Object.fromEntries(counted.map((r) => [r.status, r.n]))).toEqual(STATUS_COUNTS);
    expect(Object.keys(STATUS_COUNTS).sort()).toEqual([...DEAL_STATUSES].sort());
    const [c] = await rows<{ customers: number; activities: number; notes: number }>(
      first.url,
      `select (select count(*) from customers.customers where dealership_id = $1)::int as customers,
              (select count(*) from customers.activities where dealership_id = $1)::int as activities,
              (select count(*) from customers.notes where dealership_id = $1)::int as notes`,
      [DEMO_DEALERSHIP_ID],
    );
    expect(c).toEqual({
      customers: 500,
      activities: result.data!.timeline.activities,
      notes: result.data!.timeline.notes,
    });
    expect(c!.activities).toBeGreaterThan(300);
    const users = await rows<{ username: string; roles: string[] }>(
      first.url,
      'select username, roles from auth.users where dealership_id = $1 order by username',
      [DEMO_DEALERSHIP_ID],
    );
    expect(users.map((u) => u.username)).toEqual([
      'admin',
      'finance',
      'manager',
      'sales',
      'sales2',
    ]);
    const [settings] = await rows<{ fee: string }>(
      first.url,
      'select default_doc_fee::text as fee from deals.settings where dealership_id = $1',
      [DEMO_DEALERSHIP_ID],
    );
    expect(settings?.fee).toBe('150.00');
  });

  it('gives every vehicle a valid VIN that the offline database decodes to the stored car', async () => {
    const vehicles = await rows<{ vin: string; year: number; make: string; model: string }>(
      first.url,
      'select vin, year, make, model from inventory.vehicles where dealership_id = $1',
      [DEMO_DEALERSHIP_ID],
    );
    const decoder = createVinDecoder();
    try {
      for (const v of vehicles) {
        expect(checkVin(v.vin).valid, v.vin).toBe(true);
        const d = await decoder.decode(v.vin);
        expect({ vin: v.vin, year: d.year, make: d.make, model: d.model }).toEqual(v);
      }
    } finally {
      await decoder.close();
    }
    const conditions = new Set(vehicles.map((v) => v.make));
    expect(conditions.size).toBeGreaterThanOrEqual(8);
  });

  it('spreads prices, costs and in-stock dates (aged inventory has content), dated in Austin', async () => {
    const [lot] = await rows<Record<string, number> & { newest: string }>(
      first.url,
      `select count(*) filter (where condition = 'NEW')::int as new,
              count(*) filter (where condition <> 'NEW')::int as used,
              count(*) filter (where in_stock_date <= date '2026-11-19' - 60)::int as aged60,
              count(*) filter (where in_stock_date <= date '2026-11-19' - 90)::int as aged90,
              count(*) filter (where in_stock_date > date '2026-11-19')::int as future,
              count(*) filter (where cost is null or list_price is null or cost >= list_price)::int as unpriced,
              max(in_stock_date)::text as newest
         from inventory.vehicles where dealership_id = $1`,
      [DEMO_DEALERSHIP_ID],
    );
    expect(lot!.new).toBeGreaterThan(80);
    expect(lot!.used).toBeGreaterThan(80);
    expect(lot!.aged60).toBeGreaterThan(30);
    expect(lot!.aged90).toBeGreaterThan(10);
    expect(lot!.future).toBe(0);
    expect(lot!.unpriced).toBe(0);
    // Cars arrived "today" are dated the dealership's today, not the UTC date (already the 20th).
    expect(lot!.newest).toBe('2026-11-19');
  });

  it('keeps deal history and vehicle statuses consistent with each deal state', async () => {
    const deals = await rows<{ status: string; vehicle: string; events: string[]; trades: number }>(
      first.url,
      `select d.status, v.status as vehicle, jsonb_array_length(d.trade_ins)::int as trades,
              array(select coalesce(e.to_status, e.kind) from deals.events e where e.deal_id = d.id order by e.seq) as events
         from deals.deals d join inventory.vehicles v on v.id = d.vehicle_id
        where d.dealership_id = $1`,
      [DEMO_DEALERSHIP_ID],
    );
    const expectedVehicle: Record<string, string> = {
      DRAFT: 'AVAILABLE',
      SUBMITTED: 'AVAILABLE',
      REJECTED: 'AVAILABLE',
      APPROVED: 'ON_HOLD',
      IN_FINANCE: 'ON_HOLD',
      CONTRACTED: 'ON_HOLD',
      DELIVERED: 'SOLD',
      CANCELLED: 'AVAILABLE',
      UNWOUND: 'AVAILABLE',
    };
    for (const d of deals) {
      expect(d.vehicle, `${d.status} deal's vehicle`).toBe(expectedVehicle[d.status]);
      expect(d.events[0]).toBe('DRAFT');
      expect(d.events.at(-1)).toBe(d.status);
    }
    const delivered = deals.filter((d) => d.status === 'DELIVERED');
    expect(
      delivered.every(
        (d) => d.events.join() === 'DRAFT,SUBMITTED,APPROVED,IN_FINANCE,CONTRACTED,DELIVERED',
      ),
    ).toBe(true);
    expect(deals.filter((d) => d.trades > 0).length).toBeGreaterThan(10);
    const [pending] = await rows<{ n: number }>(
      first.url,
      'select count(*)::int as n from deals.outbox where delivered_at is null',
    );
    expect(pending!.n).toBe(0);
    const kinds = await rows<{ kind: string }>(
      first.url,
      `select distinct s.kind from deals.scenarios s join deals.deals d on d.id = s.deal_id
        where d.dealership_id = $1 and s.selected`,
      [DEMO_DEALERSHIP_ID],
    );
    expect(kinds.map((k) => k.kind).sort()).toEqual(['CASH', 'FINANCE', 'LEASE']);
  });

  it('writes only into the demo dealership', async () => {
    for (const table of [
      'inventory.vehicles',
      'customers.customers',
      'deals.deals',
      'deals.events',
    ]) {
      const owners = await rows<{ dealership_id: string; n: number }>(
        first.url,
        `select dealership_id, count(*)::int as n from ${table} group by dealership_id order by 1`,
      );
      const other = owners.find((o) => o.dealership_id === OTHER)?.n ?? 0;
      expect({
        table,
        other,
        ids: owners.map((o) => o.dealership_id).filter((id) => id !== OTHER),
      }).toEqual({
        table,
        other: table === 'inventory.vehicles' ? 1 : 0,
        ids: [DEMO_DEALERSHIP_ID],
      });
    }
  });

  it('does not seed again on a second start', async () => {
    const before = await fingerprint(first.url);
    const again = await seedDemo(first.url, 'demo-password-123', false, {
      demoData: true,
      now: NOW,
    });
    expect(again.data?.seeded).toBe(false);
    expect(again.created).toEqual([]);
    expect(await fingerprint(first.url)).toEqual(before);
  });

  it('is deterministic: the same seed and day give the same dealership', async () => {
    const other = await seedDemo(second.url, 'demo-password-456', false, {
      demoData: true,
      now: NOW,
    });
    expect(other.data?.seeded).toBe(true);
    const [a, b] = await Promise.all([fingerprint(first.url), fingerprint(second.url)]);
    expect(b.deals.length).toBe(80);
    expect(b).toEqual(a);
  }, 120_000);
});
