// importAdfLead against real PostgreSQL: create or match the customer, the LEAD activity, re-sends,
// bad XML writes nothing, dealerships apart.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { CustomerService } from '../src/domain/customer-service.ts';
import { OfflineAddressValidator } from '../src/domain/address.ts';
import { LeadImportService } from '../src/domain/lead-import.ts';
import { migrations } from '../src/migrations/index.ts';

let database: TestDatabase;
let db: Database;
let owner: pg.Client;
let customers: CustomerService;
let leads: LeadImportService;

const sample = (name: string) =>
  readFileSync(new URL(`./fixtures/adf/${name}`, import.meta.url), 'utf8');
const principal = (dealershipId: string): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username: 'bdc',
  roles: [],
  permissions: ['customers.read', 'customers.write'],
});
const us = principal(randomUUID());
const them = principal(randomUUID());

async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return (e as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected an error');
}
const count = async (table: string) =>
  (await owner.query(`select count(*)::int as n from customers.${table}`)).rows[0].n as number;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'customers', migrations });
  await db.migrate();
  customers = new CustomerService(db, new OfflineAddressValidator());
  leads = new LeadImportService(db);
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
}, 60_000);
afterAll(async () => {
  await owner?.end();
  await db?.close();
  await database?.drop();
});

describe('ADF lead import', () => {
  it('creates the customer from a new lead and logs the lead on the timeline', async () => {
    const r = await leads.importAdf(us, sample('cars-com.xml'));
    expect(r).toMatchObject({
      matchedExisting: false,
      alreadyImported: false,
      provider: 'Cars.com',
    });
    expect(r.customer).toMatchObject({
      firstName: 'Maria',
      lastName: 'Gonzalez',
      source: 'WEB_LEAD',
      emails: ['maria.gonzalez@example.com'],
      preferredContact: 'EMAIL',
    });
    expect(r.customer.addresses[0]).toMatchObject({ city: 'Austin', county: 'Travis' });
    expect(r.activity).toMatchObject({
      kind: 'LEAD',
      customerId: r.customer.id,
      actorId: us.userId,
    });
    expect(new Date(r.activity!.occurredAt).toISOString()).toBe('2026-11-20T20:32:10.000Z');
    expect(r.activity!.summary).toContain('2021 Honda Civic EX');
    const timeline = await customers.activities(us, [r.customer.id], 10);
    expect(timeline.map((a) => a.kind)).toEqual(['LEAD']);
    const { rows } = await owner.query(
      'select lead_key, xml from customers.adf_leads where customer_id = $1',
      [r.customer.id],
    );
    expect(rows).toEqual([{ lead_key: 'cars.com:CC-8841207', xml: sample('cars-com.xml') }]);
  });

  it('does not import the same lead twice', async () => {
    const before = await count('activities');
    const again = await leads.importAdf(us, sample('cars-com.xml'));
    expect(again).toMatchObject({ alreadyImported: true, matchedExisting: true });
    expect(again.activity?.kind).toBe('LEAD');
    expect(await count('activities')).toBe(before);
  });

  it('matches an existing customer by phone and keeps their record as it is', async () => {
    const existing = await customers.create(
      us,
      { firstName: 'Bob', lastName: 'Smith', phones: [{ number: '(737) 555-0123' }] },
      false,
    );
    const r = await leads.importAdf(us, sample('sloppy-header.xml'));
    expect(r.matchedExisting).toBe(true);
    expect(r.customer.id).toBe(existing.customer!.id);
    expect(r.customer.firstName).toBe('Bob');
    expect(r.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining(['prospect.customer', 'prospect.customer.contact.phone[2]']),
    );
    expect((await customers.activities(us, [existing.customer!.id], 5))[0]!.summary).toContain(
      'Toyota RAV4',
    );
  });

  it('keeps dealerships apart: another dealership gets its own customer', async () => {
    const mine = await leads.importAdf(us, sample('email-wrapped.txt'));
    const theirs = await leads.importAdf(them, sample('email-wrapped.txt'));
    expect(theirs.alreadyImported).toBe(false);
    expect(theirs.matchedExisting).toBe(false);
    expect(theirs.customer.id).not.toBe(mine.customer.id);
    expect(await customers.get(them, mine.customer.id)).toBeNull();
    expect(await customers.activities(them, [mine.customer.id], 5)).toEqual([]);
  });

  it('refuses malformed XML with BAD_USER_INPUT and writes nothing', async () => {
    const [c, a, l] = [
      await count('customers'),
      await count('activities'),
      await count('adf_leads'),
    ];
    expect(await failure(leads.importAdf(us, '<adf><prospect><customer>'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'xml',
    });
    expect(
      await failure(
        leads.importAdf(
          us,
          '<adf><prospect><customer><contact><email>a@b.co</email></contact></customer></prospect></adf>',
        ),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'xml' });
    expect([await count('customers'), await count('activities'), await count('adf_leads')]).toEqual(
      [c, a, l],
    );
  });
});
