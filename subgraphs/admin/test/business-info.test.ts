// Business information (tax id, phone, logo, opening hours) through DealershipService against real
// PostgreSQL: normalized and audited; bad input names its field and writes nothing; a stale version
// is CONFLICT; another dealership's administrator changes only their own record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { DealershipService } from '../src/domain/dealership-service.ts';
import { provisionDealership } from '../src/domain/provision.ts';
import { migrations } from '../src/migrations/index.ts';

let testDb: TestDatabase;
let db: Database;
let service: DealershipService;
let adminA: Principal;
let adminB: Principal;

const admin = (dealershipId: string): Principal => ({
  userId: '00000000-0000-4000-8000-00000000f101',
  dealershipId,
  sessionId: 's',
  username: 'boss',
  roles: ['admin'],
  permissions: ['admin.settings'],
});
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { extensions?: Record<string, unknown> }) => e.extensions,
  );

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'admin', migrations });
  await db.migrate();
  service = new DealershipService(db);
  const make = (name: string) =>
    provisionDealership(db, {
      name,
      legalName: `${name} LLC`,
      address: { line1: '1 Main', city: 'Austin', state: 'TX', zip: '78701' },
      timezone: 'America/Chicago',
    });
  adminA = admin((await make('North Motors')).id);
  adminB = admin((await make('South Motors')).id);
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('business information', () => {
  it('normalizes tax id, phone, logo and hours; audits the change', async () => {
    const before = await service.mine(adminA);
    expect(before).toMatchObject({ taxId: null, phone: null, logoUrl: null, hours: [] });
    const saved = await service.update(adminA, before.version, {
      taxId: '123456789',
      phone: '+1 512 555 0134',
      logoUrl: 'https://cdn.example.com/north.png',
      hours: [
        { day: 'SATURDAY', opens: '10:00', closes: '17:00' },
        { day: 'MONDAY', opens: '09:00', closes: '19:30' },
      ],
    });
    expect(saved).toMatchObject({
      taxId: '12-3456789',
      phone: '(512) 555-0134',
      logoUrl: 'https://cdn.example.com/north.png',
      hours: [
        { day: 'MONDAY', opens: '09:00', closes: '19:30' },
        { day: 'SATURDAY', opens: '10:00', closes: '17:00' },
      ],
      version: before.version + 1,
    });
    expect(await service.mine(adminA)).toEqual(saved);
    const [entry] = await db.withTenant({ dealershipId: adminA.dealershipId }, (em) =>
      em.execute<Array<{ changes: Array<{ f: string; b: string }> }>>(
        "select changes from audit.entries where entity_type = 'Dealership' order by at desc limit 1",
      ),
    );
    const fields = Object.fromEntries(entry!.changes.map((c) => [c.f, c.b]));
    expect(fields).toMatchObject({
      taxId: '12-3456789',
      phone: '(512) 555-0134',
      hours: 'MONDAY 09:00–19:30, SATURDAY 10:00–17:00',
    });
  });

  it('refuses bad values on their fields and writes nothing', async () => {
    const before = await service.mine(adminA);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ taxId: '12-34' }, 'input.taxId'],
      [{ phone: '555-CALL-NOW' }, 'input.phone'],
      [{ logoUrl: 'http://cdn.example.com/x.png' }, 'input.logoUrl'],
      [{ hours: [{ day: 'MONDAY', opens: '19:00', closes: '09:00' }] }, 'input.hours[0].closes'],
      [{ hours: [{ day: 'MONDAY', opens: '9am', closes: '17:00' }] }, 'input.hours[0].opens'],
      [
        {
          hours: [
            { day: 'MONDAY', opens: '09:00', closes: '17:00' },
            { day: 'MONDAY', opens: '18:00', closes: '19:00' },
          ],
        },
        'input.hours[1].day',
      ],
    ];
    for (const [patch, field] of cases)
      expect(await errorOf(service.update(adminA, before.version, patch))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    expect(await service.mine(adminA)).toEqual(before);
  });

  it('clears with an empty string; a stale version is CONFLICT', async () => {
    const before = await service.mine(adminA);
    const cleared = await service.update(adminA, before.version, { phone: '', hours: [] });
    expect(cleared).toMatchObject({ phone: null, hours: [], taxId: '12-3456789' });
    expect(
      await errorOf(service.update(adminA, before.version, { phone: '5125550100' })),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it("another dealership's administrator changes only their own record", async () => {
    const a = await service.mine(adminA);
    const b = await service.mine(adminB);
    await service.update(adminB, b.version, { taxId: '98-7654321' });
    expect(await service.mine(adminA)).toEqual(a);
    expect(await service.byIds(adminB, [a.id])).toEqual([]);
  });
});
