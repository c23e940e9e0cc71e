// Days in stock and a new vehicle's in-stock date follow the dealership's calendar (its time zone, as
// the router tells it), not the database server's UTC date. Run at a moment where the two differ.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { VehicleService } from '../src/domain/vehicle-service.ts';
import { createVinDecoder } from '../src/domain/vin-decoder.ts';
import { computeCheckDigit } from '../src/domain/vin.ts';
import { migrations } from '../src/migrations/index.ts';

/** A zone whose date differs from UTC's right now: 12 h behind before noon UTC, 14 h ahead after. */
function zoneOffTheUtcDate(now = new Date()): string {
  return now.getUTCHours() < 12 ? 'Etc/GMT+12' : 'Pacific/Kiritimati';
}

function vin(serial: number): string {
  const draft = `1FTFW1E50MF${String(serial).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${computeCheckDigit(draft)}${draft.slice(9)}`;
}

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

let testDb: TestDatabase;
let db: Database;
let service: VehicleService;
const zone = zoneOffTheUtcDate();
const dealershipId = randomUUID();
const caller = (timezone?: string): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username: 'manager',
  roles: ['manager'],
  permissions: ['inventory.read', 'inventory.write'],
  ...(timezone ? { timezone } : {}),
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'inventory', migrations });
  await db.migrate();
  service = new VehicleService(db, createVinDecoder());
});

afterAll(async () => {
  await service.decoder.close();
  await db?.close();
  await testDb?.drop();
});

const base = { year: 2021, make: 'Ford', model: 'F-150', mileage: 100, condition: 'USED' };

describe("the dealership's today", () => {
  it('is not the UTC date at this moment (the test means something)', () => {
    expect(localDate(zone)).not.toBe(localDate(undefined));
  });

  it('dates a vehicle added without an in-stock date on the dealership calendar', async () => {
    const added = await service.add(caller(zone), { ...base, vin: vin(1), stockNumber: 'T1' });
    expect(added.inStockDate).toBe(localDate(zone));
    expect(added.daysInStock).toBe(0);
  });

  it("counts days in stock from the dealership's today", async () => {
    const arrived = daysBefore(localDate(zone), 1);
    const added = await service.add(caller(zone), {
      ...base,
      vin: vin(2),
      stockNumber: 'T2',
      inStockDate: arrived,
    });
    expect((await service.byId(caller(zone), added.id))?.daysInStock).toBe(1);
    // Without the zone (UTC), the same car is a day older or younger: the bug this fixes.
    expect((await service.byId(caller(), added.id))?.daysInStock).not.toBe(1);
    const aged = await service.search(caller(zone), { daysInStockMin: 1 }, 'PRICE_ASC', 10, null);
    expect(aged.edges.map((e) => e.node.stockNumber)).toEqual(['T2']);
  });
});
