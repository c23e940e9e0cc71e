// The customer record's date of birth sealed at rest, against real PostgreSQL whose schema owner is NOT
// a superuser (as in production, so forced RLS and the SECURITY DEFINER path are what they will be):
// masked reads, duplicate match by keyed hash (also across a key rotation), the audited reveal, merge
// re-sealing, and the start-up pass that seals rows stored in clear before migration 0003.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { CreditService } from '../src/domain/credit-service.ts';
import { CustomerService } from '../src/domain/customer-service.ts';
import { OfflineAddressValidator } from '../src/domain/address.ts';
import { PiiCipher } from '../src/domain/pii-crypto.ts';
import { migrations } from '../src/migrations/index.ts';
import { customersConfigSchema, startCustomersSubgraph } from '../src/app.ts';

let database: TestDatabase;
let db: Database;
let su: pg.Client;
let ownerRole: string;
let ownerUrl: string;

const KEY_A = `ka:${randomBytes(32).toString('base64')}`;
const KEY_B = `kb:${randomBytes(32).toString('base64')}`;
const svc = (keys = KEY_A) =>
  new CustomerService(db, new OfflineAddressValidator(), PiiCipher.fromConfig(keys));

function principal(dealershipId: string, permissions: string[]): Principal {
  return {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'u',
    roles: [],
    permissions,
  };
}
const dealer = randomUUID();
const sales = principal(dealer, ['customers.read', 'customers.write']);
const finance = {
  ...principal(dealer, ['customers.read', 'customers.write', 'customers.pii.read']),
  username: 'fin',
};
const rival = principal(randomUUID(), ['customers.read', 'customers.write', 'customers.pii.read']);

async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return (e as { extensions?: Record<string, unknown> }).extensions ?? { message: String(e) };
  }
  throw new Error('expected an error');
}

const stored = async (id: string) =>
  (
    await su.query(
      `select date_of_birth, date_of_birth_encrypted, birth_year, dob_match, row_to_json(c)::text as whole
         from customers.customers c where id = $1`,
      [id],
    )
  ).rows[0];

/** A row as written before migration 0003 (clear date_of_birth), through the app role. */
async function legacyCustomer(dealershipId: string, lastName: string, dob: string) {
  const id = randomUUID();
  await db.withTenant({ dealershipId }, (em) =>
    em.execute(
      `insert into customers.customers (id, dealership_id, kind, first_name, last_name, source, search_name, date_of_birth)
       values (?::uuid, ?::uuid, 'INDIVIDUAL', 'Old', ?, 'WALK_IN', ?, ?::date)`,
      [id, dealershipId, lastName, `old ${lastName.toLowerCase()}`, dob],
    ),
  );
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  // A non-superuser owner for this database: RLS is forced on it like in production.
  ownerRole = `cust_owner_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  su = new pg.Client({ connectionString: database.url });
  await su.connect();
  await su.query(`create role ${ownerRole} login password '${password}' nosuperuser nobypassrls`);
  await su.query(`do $$ begin
    if not exists (select from pg_roles where rolname = 'autolytiq_app') then
      create role autolytiq_app nologin nosuperuser nocreatedb nocreaterole nobypassrls;
    end if;
  exception when duplicate_object or unique_violation then null; end $$`);
  await su.query(`grant autolytiq_app to ${ownerRole} with admin option`);
  // The subgraph's own role (kit appRoleFor), made beforehand: this owner may not create roles.
  await su.query(`do $$ begin
    if not exists (select from pg_roles where rolname = 'autolytiq_app_customers') then
      create role autolytiq_app_customers nologin nosuperuser nocreatedb nocreaterole nobypassrls;
    end if;
  exception when duplicate_object or unique_violation then null; end $$`);
  await su.query('grant autolytiq_app to autolytiq_app_customers');
  await su.query(`grant autolytiq_app_customers to ${ownerRole} with admin option`);
  // The owner of the search functions (kit searchRoleFor, customers migration 0050), likewise.
  await su.query(`do $$ begin
    if not exists (select from pg_roles where rolname = 'autolytiq_search_customers') then
      create role autolytiq_search_customers nologin nosuperuser nocreatedb nocreaterole nobypassrls;
    end if;
  exception when duplicate_object or unique_violation then null; end $$`);
  await su.query(`grant autolytiq_search_customers to ${ownerRole} with admin option`);
  const dbName = new URL(database.url).pathname.slice(1);
  await su.query(`alter database ${dbName} owner to ${ownerRole}`);
  await su.query(`grant create on database ${dbName} to ${ownerRole}`);
  const url = new URL(database.url);
  url.username = ownerRole;
  url.password = password;
  ownerUrl = url.toString();
  db = await openDatabase({ url: ownerUrl, schema: 'customers', migrations });
  await db.migrate();
}, 60_000);
afterAll(async () => {
  await db?.close();
  await su?.end();
  await database?.drop();
  const cleanup = new pg.Client({
    connectionString: database.url.replace(/\/[^/]*$/, '/postgres'),
  });
  await cleanup.connect().catch(() => undefined);
  await cleanup.query(`drop role if exists ${ownerRole}`).catch(() => undefined);
  await cleanup.end().catch(() => undefined);
});

describe('customer date of birth at rest', () => {
  it('is sealed to its row with the current key; reads show the birth year only', async () => {
    const r = await svc().create(
      sales,
      { firstName: 'Ann', lastName: 'Sealed', dateOfBirth: '1985-04-12' },
      true,
    );
    const c = r.customer!;
    expect(c.birthYear).toBe(1985);
    expect(JSON.stringify(c)).not.toContain('1985-04-12');
    const row = await stored(c.id);
    expect(row.date_of_birth).toBeNull();
    expect(row.date_of_birth_encrypted).toMatch(/^v1\.ka\./);
    expect(row.dob_match).toMatch(/^m1\.ka\./);
    expect(row.birth_year).toBe(1985);
    expect(row.whole).not.toMatch(/1985-04-12|04-12/);
    expect((await svc().get(sales, c.id))!.birthYear).toBe(1985);

    // A ciphertext copied to another row does not open there.
    const other = (
      await svc().create(sales, { lastName: 'Other', dateOfBirth: '1990-01-01' }, true)
    ).customer!;
    await su.query('update customers.customers set date_of_birth_encrypted = $1 where id = $2', [
      row.date_of_birth_encrypted,
      other.id,
    ]);
    await expect(svc().revealDateOfBirth(finance, other.id, null)).rejects.toThrow();
  });

  it('update: left out keeps the date, a new one is re-sealed, null clears it; bad input changes nothing', async () => {
    const s = svc();
    const c = (await s.create(sales, { lastName: 'Edits', dateOfBirth: '1970-01-02' }, true))
      .customer!;
    const before = await stored(c.id);
    const renamed = await s.update(sales, c.id, c.version, { firstName: 'Eve' });
    expect(renamed.birthYear).toBe(1970);
    expect((await stored(c.id)).date_of_birth_encrypted).toBe(before.date_of_birth_encrypted);

    expect(
      await failure(
        s.update(sales, c.id, renamed.version, { dateOfBirth: '1970-02-30', firstName: 'X' }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dateOfBirth' });
    const unchanged = (await s.get(sales, c.id))!;
    expect(unchanged).toMatchObject({
      version: renamed.version,
      firstName: 'Eve',
      birthYear: 1970,
    });
    expect((await stored(c.id)).date_of_birth_encrypted).toBe(before.date_of_birth_encrypted);

    const moved = await s.update(sales, c.id, renamed.version, { dateOfBirth: '1971-03-04' });
    expect(moved.birthYear).toBe(1971);
    expect((await s.revealDateOfBirth(finance, c.id, null)).dateOfBirth).toBe('1971-03-04');

    const cleared = await s.update(sales, c.id, moved.version, { dateOfBirth: null });
    expect(cleared.birthYear).toBeNull();
    expect(await stored(c.id)).toMatchObject({
      date_of_birth: null,
      date_of_birth_encrypted: null,
      birth_year: null,
      dob_match: null,
    });
    // Another dealership's id: NOT_FOUND, nothing written.
    expect(
      await failure(s.update(rival, c.id, cleared.version, { dateOfBirth: '1980-01-01' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await stored(c.id)).date_of_birth_encrypted).toBeNull();
  });

  it('finds name + date-of-birth duplicates by keyed hash, also while keys rotate', async () => {
    const d = randomUUID();
    // Only users who may read dates of birth get a match by one (see the oracle test below).
    const p = principal(d, ['customers.read', 'customers.write', 'customers.pii.read']);
    const a = (
      await svc(KEY_A).create(
        p,
        { firstName: 'Jo', lastName: 'Twin', dateOfBirth: '1980-05-01' },
        true,
      )
    ).customer!;
    expect(
      (
        await svc(KEY_A).possibleDuplicates(p, {
          firstName: 'Joanna',
          lastName: 'TWIN',
          dateOfBirth: '1980-05-01',
        })
      ).map((x) => x.id),
    ).toEqual([a.id]);
    expect(
      await svc(KEY_A).possibleDuplicates(p, {
        firstName: 'Jo',
        lastName: 'Twin',
        dateOfBirth: '1980-05-02',
      }),
    ).toEqual([]);
    // Same date, other dealership: no match (tags are per dealership, rows are RLS-filtered).
    expect(
      await svc(KEY_A).possibleDuplicates(
        { ...p, dealershipId: randomUUID() },
        { firstName: 'Jo', lastName: 'Twin', dateOfBirth: '1980-05-01' },
      ),
    ).toEqual([]);

    // New key first, old kept: rows tagged under the old key still match; create blocks the duplicate.
    const both = svc(`${KEY_B},${KEY_A}`);
    const blocked = await both.create(
      p,
      { firstName: 'J', lastName: 'Twin', dateOfBirth: '1980-05-01' },
      false,
    );
    expect(blocked.customer).toBeNull();
    expect(blocked.duplicates.map((x) => x.id)).toEqual([a.id]);

    expect(await both.rotateKeys(d, 1)).toBe(1);
    expect(await both.rotateKeys(d, 1)).toBe(0);
    const row = await stored(a.id);
    expect(row.date_of_birth_encrypted).toMatch(/^v1\.kb\./);
    expect(row.dob_match).toMatch(/^m1\.kb\./);
    const onlyNew = svc(KEY_B);
    expect(
      (
        await onlyNew.possibleDuplicates(p, {
          firstName: 'Jo',
          lastName: 'Twin',
          dateOfBirth: '1980-05-01',
        })
      ).map((x) => x.id),
    ).toEqual([a.id]);
    expect(
      (await onlyNew.revealDateOfBirth({ ...p, permissions: ['customers.pii.read'] }, a.id, null))
        .dateOfBirth,
    ).toBe('1980-05-01');
  });

  it('reveals only with customers.pii.read, audited in the same transaction; other dealerships find nothing', async () => {
    const s = svc();
    const c = (await s.create(sales, { lastName: 'Reveal', dateOfBirth: '1966-06-16' }, true))
      .customer!;
    expect(await failure(s.revealDateOfBirth(sales, c.id, 'r0'))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const shown = await s.revealDateOfBirth(finance, c.id, 'r1');
    expect(shown).toMatchObject({
      customerId: c.id,
      dateOfBirth: '1966-06-16',
      audit: {
        customerId: c.id,
        applicationId: null,
        revealedBy: finance.userId,
        revealedByUsername: 'fin',
        fields: ['CUSTOMER_DATE_OF_BIRTH'],
        requestId: 'r1',
      },
    });
    expect(await failure(s.revealDateOfBirth(rival, c.id, 'r2'))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const none = (await s.create(sales, { lastName: 'NoDob' }, true)).customer!;
    expect(await failure(s.revealDateOfBirth(finance, none.id, 'r3'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'customerId',
    });
    const { rows } = await su.query(
      'select request_id, fields, application_id from customers.pii_reveals where customer_id = any($1) order by revealed_at',
      [[c.id, none.id]],
    );
    expect(rows).toEqual([
      { request_id: 'r1', fields: ['CUSTOMER_DATE_OF_BIRTH'], application_id: null },
    ]);
    // One place to look: the create and the reveal are in the platform audit trail, the date of
    // birth by name only (its value appears nowhere in the entries).
    const audit = await su.query(
      "select action, actor_user_id, changes from audit.entries where entity_type = 'Customer' and entity_id = $1 order by at",
      [c.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'reveal']);
    expect(audit.rows[1]).toMatchObject({
      actor_user_id: finance.userId,
      changes: [{ f: 'CUSTOMER_DATE_OF_BIRTH', a: null, b: null, s: true }],
    });
    expect(JSON.stringify(audit.rows)).not.toContain('1966');
  });

  it('is no date-of-birth oracle: without customers.pii.read a date match is not reported; with it, audited (issue 12)', async () => {
    const s = svc();
    const target = (
      await s.create(
        finance,
        { firstName: 'Oracle', lastName: 'Probe', dateOfBirth: '1971-03-14' },
        true,
      )
    ).customer!;
    // The attack: as sales, guess dates (25 aliases per request) until one matches.
    const guesses = ['1971-03-13', '1971-03-14', '1971-03-15'];
    for (const dateOfBirth of guesses) {
      expect(
        await s.possibleDuplicates(sales, { firstName: 'Oracle', lastName: 'Probe', dateOfBirth }),
      ).toEqual([]);
      const created = await s.create(
        sales,
        { firstName: 'Quinn', lastName: 'Probe', dateOfBirth, emails: [`${dateOfBirth}@x.io`] },
        false,
      );
      expect(created.duplicates).toEqual([]); // createCustomer is no second oracle
    }
    // Email and phone matches still reach sales: they say nothing the caller did not type.
    expect(
      (await s.possibleDuplicates(sales, { lastName: 'Z', emails: ['1971-03-14@x.io'] })).length,
    ).toBe(1);
    // A user who may read dates of birth gets the match, and the match is in the PII audit log.
    const found = await s.possibleDuplicates(
      finance,
      { firstName: 'Oracle', lastName: 'Probe', dateOfBirth: '1971-03-14' },
      'req-dob-1',
    );
    expect(found.map((c) => c.id)).toEqual([target.id]);
    const log = await new CreditService(db, PiiCipher.fromConfig(KEY_A)).reveals(
      finance,
      { customerId: target.id },
      10,
    );
    expect(log.map((r) => [r.fields, r.revealedBy, r.requestId])).toEqual([
      [['CUSTOMER_DATE_OF_BIRTH_MATCH'], finance.userId, 'req-dob-1'],
    ]);
  });

  it('merge gives the survivor the duplicate’s date, re-sealed to the survivor’s row', async () => {
    const s = svc();
    const a = (await s.create(sales, { firstName: 'M', lastName: 'Mergedob' }, true)).customer!;
    const b = (
      await s.create(
        sales,
        { firstName: 'M', lastName: 'Mergedob', dateOfBirth: '1975-07-07' },
        true,
      )
    ).customer!;
    const merged = await s.merge(sales, a.id, a.version, b.id);
    expect(merged.birthYear).toBe(1975);
    expect((await s.revealDateOfBirth(finance, a.id, null)).dateOfBirth).toBe('1975-07-07');
    expect(
      (
        await s.possibleDuplicates(finance, {
          firstName: 'M',
          lastName: 'Mergedob',
          dateOfBirth: '1975-07-07',
        })
      ).map((x) => x.id),
    ).toEqual([a.id]);
  });

  it('seals rows stored in clear before migration 0003 at start-up: in batches, per dealership, idempotent', async () => {
    const d1 = randomUUID();
    const d2 = randomUUID();
    const ids = [
      await legacyCustomer(d1, 'Legacy', '1961-01-11'),
      await legacyCustomer(d1, 'Legacy', '1962-02-12'),
      await legacyCustomer(d1, 'Legacyc', '1963-03-13'),
      await legacyCustomer(d2, 'Legacy', '1961-01-11'),
    ];
    const p1 = principal(d1, ['customers.read', 'customers.write', 'customers.pii.read']);
    const s = svc();
    // Before the pass: read with their birth year, matched as duplicates on the clear column.
    expect((await s.get(p1, ids[0]!))!.birthYear).toBe(1961);
    expect(
      (
        await s.possibleDuplicates(p1, {
          firstName: 'O',
          lastName: 'Legacy',
          dateOfBirth: '1961-01-11',
        })
      ).map((x) => x.id),
    ).toEqual([ids[0]]);
    expect((await s.revealDateOfBirth(p1, ids[1]!, null)).dateOfBirth).toBe('1962-02-12');

    expect(await s.sealClearDatesOfBirth(2)).toBe(4);
    for (const id of ids) {
      const row = await stored(id);
      expect(row.date_of_birth).toBeNull();
      expect(row.date_of_birth_encrypted).toMatch(/^v1\.ka\./);
      expect(row.whole).not.toMatch(/196\d-0\d-1\d/);
    }
    expect(await s.sealClearDatesOfBirth(2)).toBe(0);
    const afterPass = (await s.get(p1, ids[2]!))!;
    expect(afterPass).toMatchObject({ birthYear: 1963, version: 1 }); // not a user's change
    expect(
      (
        await s.possibleDuplicates(p1, {
          firstName: 'O',
          lastName: 'Legacy',
          dateOfBirth: '1961-01-11',
        })
      ).map((x) => x.id),
    ).toEqual([ids[0]]);
    expect((await s.revealDateOfBirth(p1, ids[1]!, null)).dateOfBirth).toBe('1962-02-12');
    // d2's row was sealed under d2's context: d1's reveal cannot see it, d2's opens it.
    expect(await failure(s.revealDateOfBirth(p1, ids[3]!, null))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const p2 = principal(d2, ['customers.pii.read']);
    expect((await s.revealDateOfBirth(p2, ids[3]!, null)).dateOfBirth).toBe('1961-01-11');
  });

  it('the subgraph seals clear rows in the background when it starts', async () => {
    const d = randomUUID();
    const id = await legacyCustomer(d, 'Atstart', '1958-08-18');
    const running = await startCustomersSubgraph(
      customersConfigSchema.parse({
        PORT: '0',
        DATABASE_URL: ownerUrl,
        SUBGRAPH_SECRET: randomBytes(16).toString('hex'),
        CUSTOMERS_PII_KEYS: KEY_A,
        LOG_LEVEL: 'silent',
      }),
    );
    try {
      const deadline = Date.now() + 10_000;
      while ((await stored(id)).date_of_birth !== null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect((await stored(id)).date_of_birth_encrypted).toMatch(/^v1\.ka\./);
      const p = principal(d, ['customers.pii.read']);
      expect((await svc().revealDateOfBirth(p, id, null)).dateOfBirth).toBe('1958-08-18');
    } finally {
      await running.stop();
    }
  });

  it('the app role cannot list dealerships except through the definer function (ids only)', async () => {
    const seen = await db.asSystem((em) =>
      em.execute<{ n: string }[]>('select count(*) as n from customers.customers'),
    );
    expect(Number(seen[0]!.n)).toBe(0);
    await legacyCustomer(randomUUID(), 'Pending', '1950-05-05');
    const ds = await db.asSystem((em) =>
      em.execute<{ d: string }[]>('select d from customers.dealerships_with_clear_dob() d'),
    );
    expect(ds).toHaveLength(1);
    // The owner is no superuser: without its SELECT policy the definer function sees nothing either.
    await su.query('drop policy definer_read on customers.customers');
    try {
      const blind = await db.asSystem((em) =>
        em.execute<{ d: string }[]>('select d from customers.dealerships_with_clear_dob() d'),
      );
      expect(blind).toEqual([]);
    } finally {
      await su.query(
        `create policy definer_read on customers.customers for select to ${ownerRole} using (true)`,
      );
    }
    expect(await svc().sealClearDatesOfBirth()).toBe(1);
  });
});
