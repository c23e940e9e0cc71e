// CustomerService against real PostgreSQL (migrations, RLS, search, duplicates, merge, concurrency).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInput, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { CustomerService } from '../src/domain/customer-service.ts';
import { OfflineAddressValidator } from '../src/domain/address.ts';
import { migrations } from '../src/migrations/index.ts';

let database: TestDatabase;
let db: Database;
let service: CustomerService;

function principal(dealershipId: string): Principal {
  return {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'u',
    roles: ['salesperson'],
    permissions: ['customers.read', 'customers.write'],
  };
}
const us = principal(randomUUID());
const them = principal(randomUUID());

async function code(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return (e as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected an error');
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'customers', migrations });
  await db.migrate();
  service = new CustomerService(db, new OfflineAddressValidator());
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('customers store', () => {
  it('creates, finds by fuzzy name / phone fragment / email, pages with cursors', async () => {
    const names = [
      ['John', 'Smith', 'john.smith@example.com', '512-555-0101'],
      ['Mary', 'Johnson', 'mary@example.com', '512-555-0102'],
      ['Joan', 'Smart', 'joan@example.com', '512-555-0103'],
      ['Jonathan', 'Smithers', 'jsmithers@corp.example', '737-555-0104'],
    ] as const;
    for (const [firstName, lastName, email, phone] of names) {
      const r = await service.create(
        us,
        { firstName, lastName, emails: [email], phones: [{ number: phone }] },
        false,
      );
      expect(r.customer).toBeTruthy();
    }
    const ids = async (search: string) =>
      (await service.list(us, { search, first: 10 })).edges.map(
        (e) => `${e.node.firstName} ${e.node.lastName}`,
      );
    expect((await ids('jon smth'))[0]).toBe('John Smith');
    expect(await ids('jon smth')).not.toContain('Mary Johnson');
    expect(await ids('555-0103')).toEqual(['Joan Smart']);
    expect(await ids('(737) 555')).toEqual(['Jonathan Smithers']);
    expect(await ids('MARY@example')).toEqual(['Mary Johnson']);
    // Another dealership sees none of it.
    expect((await service.list(them, { search: 'jon smth' })).edges).toEqual([]);
    expect((await service.list(them, {})).edges).toEqual([]);

    const p1 = await service.list(us, { first: 3 });
    expect(p1.edges).toHaveLength(3);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(await p1.count()).toBe(4);
    const p2 = await service.list(us, { first: 3, after: p1.pageInfo.endCursor });
    expect(p2.edges.map((e) => e.node.firstName)).toEqual(['John']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
  });

  it('reports duplicates unless confirmed; merge keeps notes and activities and redirects the id', async () => {
    const first = await service.create(
      us,
      { firstName: 'Ann', lastName: 'Lee', dateOfBirth: '1980-05-01', emails: ['ann@lee.io'] },
      false,
    );
    // A name + date-of-birth match is reported to users who may read dates of birth (issue 12).
    const again = await service.create(
      { ...us, permissions: [...us.permissions, 'customers.pii.read'] },
      { firstName: 'Annie', lastName: 'LEE', dateOfBirth: '1980-05-01' },
      false,
    );
    expect(again.customer).toBeNull();
    expect(again.duplicates.map((d) => d.id)).toEqual([first.customer!.id]);
    const byPhoneOnly = await service.possibleDuplicates(us, {
      lastName: 'X',
      emails: ['ANN@lee.io'],
    });
    expect(byPhoneOnly).toHaveLength(1);
    const dup = (
      await service.create(
        us,
        {
          firstName: 'Annie',
          lastName: 'Lee',
          dateOfBirth: '1980-05-01',
          phones: [{ number: '5125550199' }],
        },
        true,
      )
    ).customer!;
    await service.addNote(us, dup.id, 'Prefers texts.');
    await service.logActivity(us, dup.id, { kind: 'CALL', summary: 'Asked about a Kona.' });
    await service.addNote(us, first.customer!.id, 'Walk-in.');

    expect(await code(service.merge(us, first.customer!.id, 99, dup.id))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await code(service.merge(them, first.customer!.id, 1, dup.id))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const merged = await service.merge(us, first.customer!.id, first.customer!.version, dup.id);
    expect(merged.phones).toEqual([{ number: '+15125550199', kind: 'MOBILE' }]);
    expect(merged.version).toBe(2);
    expect((await service.notes(us, [merged.id])).map((n) => n.body).sort()).toEqual([
      'Prefers texts.',
      'Walk-in.',
    ]);
    expect((await service.activities(us, [merged.id], 10)).map((a) => a.summary)).toEqual([
      'Asked about a Kona.',
    ]);
    // The old id (kept by deals and links) opens the survivor; never for another dealership.
    expect((await service.get(us, dup.id))?.id).toBe(merged.id);
    expect(await service.get(them, dup.id)).toBeNull();
    const refs = await service.references(us, [dup.id, merged.id]);
    expect(refs.get(dup.id)?.id).toBe(merged.id);
    expect((await service.references(them, [dup.id, merged.id])).size).toBe(0);
  });

  it('the search mirror is tenant-scoped for the application role, and cannot be written', async () => {
    const counts = (p: Principal) =>
      db
        .withTenant(p, async (em) => {
          const [t] = await em.execute<{ n: string }[]>(
            'select count(*) as n from customers.customer_search',
          );
          const moved = await em.execute<{ id: string }[]>(
            `update customers.customer_search set search_name = 'x' returning id`,
          );
          throw Object.assign(new Error('rollback'), { result: [Number(t!.n), moved.length] });
        })
        .catch((e: { result?: number[] }) => e.result);
    const ours = await counts(us);
    expect(ours![0]).toBeGreaterThan(0);
    expect(await counts(them)).toEqual([0, 0]);
  });

  it("the search functions answer for the caller's dealership only (wrong tenant, no tenant)", async () => {
    const c = (
      await service.create(
        us,
        {
          firstName: 'Quentin',
          lastName: 'Zabriskie',
          emails: ['qz@tenant.example'],
          phones: [{ number: '512-555-0177' }],
        },
        true,
      )
    ).customer!;
    const filters = 'null::uuid, null::text, null::timestamptz, null::timestamptz';
    const probe = (em: Parameters<Parameters<Database['asSystem']>[0]>[0]) =>
      Promise.all([
        em.execute(
          `select id from customers.name_hits(array['quentin','zabriskie'], 'quentin zabriskie', ${filters}, 10, 0)`,
        ),
        em.execute(`select id from customers.contact_hits('%qz@tenant%', ${filters}, 10, 0)`),
        em.execute(`select id from customers.contact_hits('%5125550177%', ${filters}, 10, 0)`),
        em.execute(
          `select * from customers.contact_point_matches(array['qz@tenant.example'], array['+15125550177'])`,
        ),
      ]).then((all) => all.map((rows) => rows.length));
    expect(await db.withTenant(us, probe)).toEqual([1, 1, 1, 1]);
    expect(await db.withTenant(them, probe)).toEqual([0, 0, 0, 0]);
    expect(await db.asSystem(probe)).toEqual([0, 0, 0, 0]);
    // Through the service too: another dealership's search does not see the customer.
    const found = await service.list(them, { search: 'quentin zabriskie', first: 5 });
    expect(found.edges).toEqual([]);
    expect(
      (await service.list(us, { search: 'quentin zabriskie', first: 5 })).edges[0]?.node.id,
    ).toBe(c.id);
  });

  it('a stale version is CONFLICT; another dealership cannot update', async () => {
    const c = (await service.create(us, { lastName: 'Versioned' }, true)).customer!;
    const v2 = await service.update(us, c.id, 1, { firstName: 'Vera' });
    expect(v2.version).toBe(2);
    expect(await code(service.update(us, c.id, 1, { firstName: 'Stale' }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await code(service.update(them, c.id, 2, { firstName: 'Intruder' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await code(service.addNote(them, c.id, 'x'))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the assigned salesperson (issue 12)', () => {
  it('must pass the people check, on create and update, before anything is written', async () => {
    const known = randomUUID();
    const asked: string[] = [];
    const checked = new CustomerService(
      db,
      new OfflineAddressValidator(),
      undefined,
      async (_p, _rid, field, userId) => {
        asked.push(userId);
        if (userId !== known) throw badInput(field, 'No user of this dealership has this id.');
      },
    );
    const stranger = randomUUID();
    expect(
      await code(
        checked.create(us, { lastName: 'Assigned', assignedSalespersonId: stranger }, true),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.assignedSalespersonId' });
    const ok = (
      await checked.create(us, { lastName: 'Assigned', assignedSalespersonId: known }, true)
    ).customer!;
    expect(ok.assignedSalespersonId).toBe(known);
    expect(
      await code(checked.update(us, ok.id, ok.version, { assignedSalespersonId: stranger })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.assignedSalespersonId' });
    expect((await checked.get(us, ok.id))!.version).toBe(ok.version);
    expect(asked).toEqual([stranger, known, stranger]);
  });
});
