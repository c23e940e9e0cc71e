// A tenant transaction with the dealership's time zone runs under it: current_date (days in stock,
// column defaults) is the dealership's date. Without one it stays the server's (UTC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { isTimeZone, localDate, openDatabase, type Database } from '../../src/index.ts';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'tz_test' });
  await db.migrate();
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const today = (timezone?: string) =>
  db.withTenant({ dealershipId: '00000000-0000-4000-8000-000000000001', timezone }, async (em) => {
    const [row] = await em.execute<{ d: string }[]>('select current_date::text as d');
    return row!.d;
  });

describe('tenant time zone', () => {
  it('makes current_date the dealership date, at a moment where it is not the UTC date', async () => {
    const zone = new Date().getUTCHours() < 12 ? 'Etc/GMT+12' : 'Pacific/Kiritimati';
    expect(localDate(zone)).not.toBe(localDate(undefined));
    expect(await today(zone)).toBe(localDate(zone));
    expect(await today()).toBe(localDate(undefined));
  });

  it('does not leak the zone into the next transaction on the pooled connection', async () => {
    const zone = new Date().getUTCHours() < 12 ? 'Etc/GMT+12' : 'Pacific/Kiritimati';
    for (let i = 0; i < 3; i++) {
      expect(await today(zone)).toBe(localDate(zone));
      expect(await today()).toBe(localDate(undefined));
    }
  });

  it('reads local dates and knows real zones only', () => {
    // 19:30 in Austin on Dec 6 is 01:30 UTC on Dec 7.
    const evening = new Date('2026-12-07T01:30:00Z');
    expect(localDate('America/Chicago', evening)).toBe('2026-12-06');
    expect(localDate(undefined, evening)).toBe('2026-12-07');
    // Answers are remembered per name (context.ts): the second answer must be the same.
    for (let i = 0; i < 2; i++) {
      expect(isTimeZone('America/Chicago')).toBe(true);
      expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
      expect(isTimeZone("UTC'; reset role; --")).toBe(false);
      expect(localDate('America/Chicago', evening)).toBe('2026-12-06');
    }
    expect(isTimeZone("UTC'; drop table x; --")).toBe(false);
  });
});
