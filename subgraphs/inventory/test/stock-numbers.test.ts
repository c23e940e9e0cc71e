// Stock numbers are unique per dealership (without regard to case): add, update and CSV import refuse
// a taken one on the stockNumber field; another dealership may use the same number; migration 0005
// keeps duplicates saved before it (the later ones marked, outside the rule until renamed).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { VehicleService } from '../src/domain/vehicle-service.ts';
import { VinDecoderService } from '../src/domain/vin-decoder.ts';
import { computeCheckDigit } from '../src/domain/vin.ts';
import { migrations } from '../src/migrations/index.ts';

function vinFor(serial: number): string {
  const body = `1FTFW1E50PA${String(serial).padStart(6, '0')}`;
  return body.slice(0, 8) + computeCheckDigit(body) + body.slice(9);
}

function principal(dealershipId: string): Principal {
  return {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'u',
    roles: ['manager'],
    permissions: ['inventory.read', 'inventory.write'],
  };
}

const base = { year: 2023, make: 'Ford', model: 'F-150', mileage: 10, condition: 'USED' };
const extensionsOf = (e: unknown) => (e as { extensions?: Record<string, unknown> }).extensions;
const noDecoder = new VinDecoderService({
  source: 'none',
  decodeValid: () => Promise.reject(new Error('not used')),
  close: async () => undefined,
});

let testDb: TestDatabase;
let db: Database;
let service: VehicleService;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'inventory', migrations });
  await db.migrate();
  service = new VehicleService(db, noDecoder);
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('stock numbers', () => {
  it('add and update refuse a stock number another vehicle has (any case); nothing is saved', async () => {
    const A = principal(randomUUID());
    const B = principal(randomUUID());
    const first = await service.add(A, { ...base, vin: vinFor(1), stockNumber: 'A100' });
    for (const stockNumber of ['A100', 'a100', ' a100 ']) {
      const e = await service
        .add(A, { ...base, vin: vinFor(2), stockNumber })
        .catch((x: unknown) => x);
      expect(extensionsOf(e)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stockNumber' });
      expect((e as Error).message).toMatch(/Stock number a?A?100 is already used/i);
    }
    expect(await service.byVin(A, vinFor(2))).toBeNull();
    // Another dealership has its own numbers.
    expect(
      (await service.add(B, { ...base, vin: vinFor(1), stockNumber: 'A100' })).id,
    ).toBeTruthy();

    const second = await service.add(A, { ...base, vin: vinFor(3), stockNumber: 'A101' });
    const e = await service
      .update(A, second.id, 1, { stockNumber: 'a100' })
      .catch((x: unknown) => x);
    expect(extensionsOf(e)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stockNumber' });
    expect(await service.byId(A, second.id)).toMatchObject({ stockNumber: 'A101', version: 1 });
    // Its own number (even re-cased) is fine.
    expect(await service.update(A, first.id, 1, { stockNumber: 'a100' })).toMatchObject({
      stockNumber: 'a100',
      version: 2,
    });
  });

  it('the CSV import refuses, by line, a stock number in inventory or on an earlier line', async () => {
    const C = principal(randomUUID());
    await service.add(C, { ...base, vin: vinFor(10), stockNumber: 'K1' });
    const csv = [
      'VIN,Stock,Year,Make,Model,Mileage,Condition,Price',
      `${vinFor(11)},k1,2022,Ford,Escape,1,Used,20000`,
      `${vinFor(12)},K2,2022,Ford,Escape,1,Used,20000`,
      `${vinFor(13)},k2,2022,Ford,Escape,1,Used,20000`,
      `${vinFor(10)},K9,2022,Ford,Escape,1,Used,20000`,
      `${vinFor(14)},K3,2022,Ford,Escape,1,Used,20000`,
    ].join('\n');
    const r = await service.importCsv(C, csv);
    // The VIN already in inventory (line 5) is a re-import of that unit: updated by VIN, its stock
    // number kept (the file's K9 is not applied to it).
    expect(r).toMatchObject({ rows: 5, imported: 2, updated: 1, failed: 2 });
    expect(r.errors.map((x) => [x.row, x.field])).toEqual([
      [2, 'stockNumber'],
      [4, 'stockNumber'],
    ]);
    expect(r.errors[0]!.message).toMatch(/Stock number k1 is already used/);
    expect(r.errors[1]!.message).toMatch(/also on line 3/);
    const page = await service.search(C, null, 'PRICE_ASC', 10, null);
    expect(page.edges.map((x) => x.node.stockNumber).sort()).toEqual(['K1', 'K2', 'K3']);
  });
});

describe('migration 0005', () => {
  it('keeps duplicates saved before it; the later ones may keep or change their number', async () => {
    const old = await createTestDatabase();
    const before = await openDatabase({
      url: old.url,
      schema: 'inventory',
      migrations: migrations.slice(
        0,
        migrations.findIndex((m) => m.name === '0005-unique-stock-number'),
      ),
    });
    const D = principal(randomUUID());
    let after: Database | undefined;
    try {
      await before.migrate();
      const oldService = new VehicleService(before, noDecoder);
      const kept = await oldService.add(D, { ...base, vin: vinFor(20), stockNumber: 'D1' });
      const later = await oldService.add(D, { ...base, vin: vinFor(21), stockNumber: 'd1' });
      await before.close();
      after = await openDatabase({ url: old.url, schema: 'inventory', migrations });
      expect(await after.migrate()).toContain('0005-unique-stock-number');
      const svc = new VehicleService(after, noDecoder);
      // Both are still there as they were; a new D1 is refused.
      expect((await svc.byId(D, kept.id))?.stockNumber).toBe('D1');
      expect((await svc.byId(D, later.id))?.stockNumber).toBe('d1');
      const e = await svc
        .add(D, { ...base, vin: vinFor(22), stockNumber: 'D1' })
        .catch((x: unknown) => x);
      expect(extensionsOf(e)).toMatchObject({ field: 'input.stockNumber' });
      // The later one can be edited without renaming it, then renamed, and then it is under the rule.
      await svc.update(D, later.id, later.version, { mileage: 20 });
      await svc.update(D, later.id, later.version + 1, { stockNumber: 'D2' });
      const back = await svc
        .update(D, later.id, later.version + 2, { stockNumber: 'D1' })
        .catch((x: unknown) => x);
      expect(extensionsOf(back)).toMatchObject({ field: 'input.stockNumber' });
    } finally {
      await after?.close();
      await old.drop();
    }
  });
});
