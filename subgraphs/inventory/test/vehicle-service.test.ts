// VehicleService against real PostgreSQL: RLS between dealerships, versioned updates, duplicate VINs,
// search filters and cursor pagination, money read back exactly.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { VehicleService } from '../src/domain/vehicle-service.ts';
import { VinDecoderService, type VinDecoderBackend } from '../src/domain/vin-decoder.ts';
import { computeCheckDigit } from '../src/domain/vin.ts';
import { migrations } from '../src/migrations/index.ts';

let testDb: TestDatabase;
let db: Database;
let service: VehicleService;

// No decoding in these tests: a backend that finds nothing.
const nothing: VinDecoderBackend = {
  source: 'none',
  decodeValid: async () => ({
    decoded: false,
    year: null,
    make: null,
    model: null,
    trim: null,
    body: null,
    drivetrain: null,
    engine: null,
    fuelType: null,
    doors: null,
    manufacturer: null,
    plantCountry: null,
    notes: ['no match'],
  }),
  close: async () => undefined,
};

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
const A = principal(randomUUID());
const B = principal(randomUUID());

/** A valid VIN from a serial number (check digit computed). */
export function vinFor(serial: number, wmi = '1G1', year = 'P'): string {
  const body = `${wmi}ZB5ST${'0'}${year}F${String(serial).padStart(6, '0')}`;
  return body.slice(0, 8) + computeCheckDigit(body) + body.slice(9);
}

function errorOf(e: unknown) {
  return (e as { extensions?: Record<string, unknown> }).extensions;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'inventory', migrations });
  await db.migrate();
  service = new VehicleService(db, new VinDecoderService(nothing));
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const base = {
  stockNumber: 'S1',
  year: 2023,
  make: 'Chevrolet',
  model: 'Malibu',
  mileage: 10,
  condition: 'NEW',
};

describe('vehicles in PostgreSQL', () => {
  it('adds, reads back exactly, and hides it from another dealership', async () => {
    const v = await service.add(A, {
      ...base,
      vin: vinFor(1),
      listPrice: '25999.99',
      cost: '0.10',
    });
    expect(v.version).toBe(1);
    expect(v.listPrice!.toFixed(2)).toBe('25999.99');
    expect(v.cost!.toFixed(2)).toBe('0.10');
    expect(v.daysInStock).toBe(0);
    expect((await service.byId(A, v.id))?.vin).toBe(vinFor(1));
    expect(await service.byId(B, v.id)).toBeNull();
    expect(await service.byIds(B, [v.id])).toEqual([]);
    expect(await service.byVin(B, vinFor(1))).toBeNull();
    await expect(service.update(B, v.id, 1, { mileage: 5 })).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    await expect(service.remove(B, v.id, 1)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    // The same VIN is fine in another dealership, refused twice in one.
    await service.add(B, { ...base, vin: vinFor(1) });
    const dup = await service.add(A, { ...base, vin: vinFor(1) }).catch((e: unknown) => e);
    expect(errorOf(dup)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.vin' });
  });

  it('updates with the version read; a stale version gets CONFLICT', async () => {
    const v = await service.add(A, { ...base, vin: vinFor(2), stockNumber: 'S2' });
    const next = await service.update(A, v.id, 1, { status: 'ON_HOLD', listPrice: '19000' });
    expect(next).toMatchObject({ version: 2, status: 'ON_HOLD' });
    const stale = await service.update(A, v.id, 1, { mileage: 99 }).catch((e: unknown) => e);
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT' });
    expect((await service.byId(A, v.id))?.mileage).toBe(10);
    const staleDelete = await service.remove(A, v.id, 1).catch((e: unknown) => e);
    expect(errorOf(staleDelete)).toMatchObject({ code: 'CONFLICT' });
    expect(await service.remove(A, v.id, 2)).toBe(v.id);
    expect(await service.byId(A, v.id)).toBeNull();
  });

  it('keeps the search words in step with updates', async () => {
    const E = principal(randomUUID());
    const v = await service.add(E, { ...base, vin: vinFor(4), trim: 'Daybreak' });
    const find = async (text: string) =>
      (await service.search(E, { text }, 'PRICE_ASC', 10, null)).edges.map((e) => e.node.id);
    expect(await find('dayb')).toEqual([v.id]);
    await service.update(E, v.id, 1, { trim: 'Nightfall' });
    expect(await find('dayb')).toEqual([]);
    expect(await find('nightfall malibu')).toEqual([v.id]);
    await service.remove(E, v.id, 2);
    expect(await find('nightfall')).toEqual([]);
  });

  it('imports a CSV in batches, reporting bad rows and VINs already in inventory', async () => {
    const F = principal(randomUUID());
    await service.add(F, { ...base, vin: vinFor(5000) });
    const lines = ['VIN,Stock,Year,Make,Model,Mileage,Condition,Price'];
    for (let i = 0; i < 1203; i++)
      lines.push(`${vinFor(5000 + i)},C${i},2022,Ford,Escape,${i},Used,${20000 + i}`);
    lines.push('1HGCM82633A123456,BAD,2003,Honda,Accord,1,Used,1');
    const progress: number[] = [];
    const r = await service.importCsv(F, lines.join('\n'), async (_em, p) => {
      progress.push(p.processedRows);
    });
    // The VIN already in inventory is a re-import of that unit (its mileage and price change).
    expect(r).toMatchObject({ rows: 1204, imported: 1202, updated: 1, unchanged: 0, failed: 1 });
    expect(r.batches.map((b) => b.rows)).toEqual([500, 500, 203]);
    expect(r.batches[0]).toMatchObject({ imported: 499, updated: 1 });
    // Rows dealt with after each batch: the refused line counts from the start.
    expect(progress).toEqual([501, 1001, 1204]);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[1205, 'vin']]);
    const page = await service.search(F, { make: 'Ford' }, 'PRICE_DESC', 1, null);
    expect(page.edges[0]!.node.listPrice!.toFixed(2)).toBe('21202.00');
    // A word on more than 1000 vehicles takes the walk-the-sort-index path: same answers, pages too.
    const prices = (p: Awaited<ReturnType<typeof service.search>>) =>
      p.edges.map((e) => e.node.listPrice!.toFixed(2));
    const common = await service.search(
      F,
      { text: 'escape', priceMax: '20005' },
      'PRICE_DESC',
      3,
      null,
    );
    expect(prices(common)).toEqual(['20005.00', '20004.00', '20003.00']);
    const next = await service.search(
      F,
      { text: 'escape', priceMax: '20005' },
      'PRICE_DESC',
      3,
      common.pageInfo.endCursor,
    );
    expect(prices(next)).toEqual(['20002.00', '20001.00']);
    expect(
      (await service.search(F, { text: 'escape ford' }, 'PRICE_ASC', 2, null)).edges,
    ).toHaveLength(2);
    expect(
      (await service.search(F, { text: 'escape', make: 'Toyota' }, 'PRICE_ASC', 5, null)).edges,
    ).toEqual([]);
    // Nothing leaked into another dealership.
    expect((await service.search(A, { make: 'Ford' }, 'PRICE_ASC', 5, null)).edges).toEqual([]);
  });

  it('a re-import (nightly DMS feed) updates units by VIN: price, mileage, status; a deal’s hold is kept', async () => {
    const G = principal(randomUUID());
    const sold = await service.add(G, { ...base, vin: vinFor(7001), stockNumber: 'G1' });
    const held = await service.add(G, { ...base, vin: vinFor(7002), stockNumber: 'G2' });
    const same = await service.add(G, {
      ...base,
      vin: vinFor(7003),
      stockNumber: 'G3',
      mileage: 10,
      listPrice: '20000.00',
    });
    await service.applyDealStatus(G, {
      eventId: randomUUID(),
      vehicleId: held.id,
      dealId: randomUUID(),
      status: 'ON_HOLD',
    });
    const feed = [
      'VIN,Stock,Year,Make,Model,Mileage,Price,Status',
      `${vinFor(7001)},G1,2022,Ford,Escape,"12,345",18995,Sold`,
      `${vinFor(7002)},G2,2022,Ford,Escape,999,17000,Available`,
      `${vinFor(7003)},G3,2022,Ford,Escape,10,20000,Available`,
      `${vinFor(7004)},G4,2022,Ford,Escape,5,15000,Available`,
    ].join('\n');
    const r = await service.importCsv(G, feed);
    expect(r).toMatchObject({ rows: 4, imported: 1, updated: 2, unchanged: 1, failed: 0 });
    const [a, b, c] = await service
      .byIds(G, [sold.id, held.id, same.id])
      .then((list) => [sold.id, held.id, same.id].map((id) => list.find((v) => v.id === id)!));
    expect([a!.listPrice!.toFixed(2), a!.mileage, a!.status, a!.version]).toEqual([
      '18995.00',
      12345,
      'SOLD',
      sold.version + 1,
    ]);
    // The desk's hold stays; the feed's price and mileage still land.
    expect([b!.listPrice!.toFixed(2), b!.mileage, b!.status]).toEqual(['17000.00', 999, 'ON_HOLD']);
    // Nothing changed: no new version.
    expect(c!.version).toBe(same.version);
    // A file without a price column leaves prices alone.
    const mileageOnly = await service.importCsv(
      G,
      `VIN,Stock,Year,Make,Model,Mileage\n${vinFor(7001)},G1,2022,Ford,Escape,13000`,
    );
    expect(mileageOnly).toMatchObject({ imported: 0, updated: 1 });
    const [again] = await service.byIds(G, [sold.id]);
    expect([again!.listPrice!.toFixed(2), again!.mileage]).toEqual(['18995.00', 13000]);
    // The same feed in another dealership adds its own units and touches none of G's.
    const H = principal(randomUUID());
    expect(await service.importCsv(H, feed)).toMatchObject({ imported: 4, updated: 0 });
    const [untouched] = await service.byIds(G, [sold.id]);
    expect(untouched!.version).toBe(again!.version);
  });

  it('addVehicleByVin refuses a bad check digit and a VIN it cannot decode', async () => {
    const bad = await service
      .addByVin(A, { ...base, vin: '1HGCM82633A123456' })
      .catch((e: unknown) => e);
    expect(errorOf(bad)).toMatchObject({ field: 'input.vin' });
    expect(String((bad as Error).message)).toMatch(/check digit/i);
    const unknown = await service.addByVin(A, { ...base, vin: vinFor(3) }).catch((e: unknown) => e);
    expect(String((unknown as Error).message)).toMatch(/could not be decoded/);
  });

  it('filters, sorts and pages with cursors', async () => {
    const D = principal(randomUUID());
    const makes = ['Honda', 'Toyota', 'Ford'];
    for (let i = 0; i < 30; i++) {
      await service.add(D, {
        vin: vinFor(1000 + i),
        stockNumber: `T${i}`,
        year: 2015 + (i % 10),
        make: makes[i % 3]!,
        model: i % 2 ? 'Alpha' : 'Beta',
        trim: i === 7 ? 'Special Edition' : null,
        mileage: i * 1000,
        condition: i % 3 === 0 ? 'NEW' : 'USED',
        status: i % 5 === 0 ? 'SOLD' : 'AVAILABLE',
        listPrice: String(10000 + (i % 7) * 1000),
        inStockDate: new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10),
      });
    }
    // Everything, price ascending, 7 per page: 30 rows, no repeats, in order.
    const seen: string[] = [];
    const prices: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await service.search(D, null, 'PRICE_ASC', 7, after);
      seen.push(...res.edges.map((e) => e.node.id));
      prices.push(...res.edges.map((e) => e.node.listPrice!.toNumber()));
      if (!res.pageInfo.hasNextPage) break;
      after = res.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));

    const honda = await service.search(
      D,
      { make: 'honda', yearMin: 2018, yearMax: 2022 },
      'YEAR_DESC',
      100,
      null,
    );
    const hondaYears = honda.edges.map((e) => e.node.year);
    expect(honda.edges.every((e) => e.node.make === 'Honda')).toBe(true);
    expect(hondaYears).toEqual([...hondaYears].sort((a, b) => b - a));
    expect(hondaYears.every((y) => y >= 2018 && y <= 2022)).toBe(true);

    const aged = await service.search(
      D,
      { daysInStockMin: 20, status: ['AVAILABLE'] },
      'DAYS_IN_STOCK_DESC',
      100,
      null,
    );
    expect(aged.edges.length).toBeGreaterThan(0);
    expect(aged.edges.every((e) => e.node.daysInStock >= 20 && e.node.status === 'AVAILABLE')).toBe(
      true,
    );
    expect(aged.edges[0]!.node.daysInStock).toBe(29);

    const text = await service.search(D, { text: 'special' }, 'PRICE_ASC', 10, null);
    expect(text.edges.map((e) => e.node.stockNumber)).toEqual(['T7']);
    const byVinTail = await service.search(
      D,
      { text: vinFor(1012).slice(-6) },
      'PRICE_ASC',
      10,
      null,
    );
    expect(byVinTail.edges.map((e) => e.node.stockNumber)).toEqual(['T12']);

    const priced = await service.search(
      D,
      { priceMin: '12000', priceMax: '13000', mileageMax: 20000 },
      'PRICE_DESC',
      100,
      null,
    );
    expect(
      priced.edges.every((e) => e.node.listPrice!.gte(12000) && e.node.listPrice!.lte(13000)),
    ).toBe(true);
    expect(priced.edges.every((e) => e.node.mileage <= 20000)).toBe(true);

    // Another dealership sees none of them.
    expect((await service.search(A, { make: 'Honda' }, 'PRICE_ASC', 100, null)).edges).toEqual([]);
  });
});
