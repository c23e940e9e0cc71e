// Free-text search as salespeople type it: the model year and the model without punctuation are
// search words, for vehicles added after migration 0006 and for those saved before it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { VehicleService } from '../src/domain/vehicle-service.ts';
import { VinDecoderService } from '../src/domain/vin-decoder.ts';
import { computeCheckDigit } from '../src/domain/vin.ts';
import { migrations } from '../src/migrations/index.ts';

function vinFor(serial: number): string {
  const body = `2T1BURHE0KC${String(serial).padStart(6, '0')}`;
  return body.slice(0, 8) + computeCheckDigit(body) + body.slice(9);
}
const principal = (dealershipId: string): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username: 'u',
  roles: ['manager'],
  permissions: ['inventory.read', 'inventory.write'],
});
const noDecoder = new VinDecoderService({
  source: 'none',
  decodeValid: () => Promise.reject(new Error('not used')),
  close: async () => undefined,
});
const car = (serial: number, year: number, make: string, model: string) => ({
  vin: vinFor(serial),
  stockNumber: `W${serial}`,
  year,
  make,
  model,
  mileage: 1,
  condition: 'USED',
});

let testDb: TestDatabase;
let before: Database | undefined;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await before?.close();
  await db?.close();
  await testDb?.drop();
});

describe('search words', () => {
  it('finds "2019 camry", "f150" and "F-150", for vehicles saved before and after migration 0006', async () => {
    const A = principal(randomUUID());
    const B = principal(randomUUID());
    before = await openDatabase({
      url: testDb.url,
      schema: 'inventory',
      migrations: migrations.filter((m) => m.name < '0006'),
    });
    await before.migrate();
    const old = await new VehicleService(before, noDecoder).add(A, car(1, 2019, 'Toyota', 'Camry'));
    const oldTruck = await new VehicleService(before, noDecoder).add(
      A,
      car(4, 2015, 'Ram', '2500 Heavy-Duty'),
    );
    await before.close();
    before = undefined;
    db = await openDatabase({ url: testDb.url, schema: 'inventory', migrations });
    expect(await db.migrate()).toEqual([
      '0006-search-year-and-compact-model',
      '0100-import-updates',
    ]);
    const svc = new VehicleService(db, noDecoder);
    const truck = await svc.add(A, car(2, 2021, 'Ford', 'F-150'));
    const camry20 = await svc.add(A, car(3, 2020, 'Toyota', 'Camry'));
    const find = async (p: Principal, text: string) =>
      (await svc.search(p, { text }, 'PRICE_ASC', 10, null)).edges.map((e) => e.node.id).sort();
    expect(await find(A, '2019 camry')).toEqual([old.id]);
    expect(await find(A, 'camry 2020')).toEqual([camry20.id]);
    expect(await find(A, 'f150')).toEqual([truck.id]);
    expect(await find(A, 'F-150')).toEqual([truck.id]);
    expect(await find(A, 'ford 2021')).toEqual([truck.id]);
    expect(await find(A, 'heavy-duty 2015')).toEqual([oldTruck.id]);
    expect(await find(A, 'ram 2500')).toEqual([oldTruck.id]);
    // A changed year moves with the vehicle; another dealership finds none of them.
    await svc.update(A, camry20.id, 1, { year: 2018 });
    expect(await find(A, 'camry 2020')).toEqual([]);
    expect(await find(A, 'camry 2018')).toEqual([camry20.id]);
    expect(await find(B, '2019 camry')).toEqual([]);
  });
});
