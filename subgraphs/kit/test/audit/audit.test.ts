// The audit trail primitive against real PostgreSQL: written in the change's transaction, tenant-
// isolated, sealed values by name only, and append-only for the application role (and the owner).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { openDatabase, type Database, type EntityManager } from '../../src/db/index.ts';
import {
  changesOf,
  parseAuditChanges,
  recordAudit,
  runInRequestScope,
} from '../../src/audit/index.ts';
import { MIGRATIONS, Note, SCHEMA } from '../db/fixtures.ts';

const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b1';
const USER = '00000000-0000-4000-8000-0000000000f1';
const CLIENT = '00000000-0000-4000-8000-0000000000c1';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({
    url: testDb.url,
    schema: SCHEMA,
    entities: [Note],
    migrations: MIGRATIONS,
  });
  await db.migrate();
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

type Row = Record<string, unknown>;
const rows = (em: EntityManager, sql: string, params: unknown[] = []) =>
  em.execute<Row[]>(sql, params);

async function owner(sql: string, params: unknown[] = []): Promise<Row[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: testDb.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

describe('recordAudit', () => {
  it('writes the entry in the change transaction, with who, request id, address and user agent', async () => {
    const scope = {
      requestId: 'req-audit-1',
      principal: {
        userId: USER,
        dealershipId: A,
        sessionId: 's',
        username: 'pat.manager',
        roles: ['manager'],
        permissions: [],
      },
      address: '203.0.113.9',
      userAgent: 'AuditTest/1.0',
    };
    await runInRequestScope(scope, () =>
      db.withTenant({ dealershipId: A, userId: USER }, async (em) => {
        await em.execute(`insert into ${SCHEMA}.note (dealership_id, body) values (?, 'audited')`, [
          A,
        ]);
        await recordAudit(em, {
          source: 'kit-test',
          entityType: 'Note',
          entityId: 'n-1',
          action: 'create',
          changes: changesOf(null, { body: 'audited', pin: '1234' }, { sealed: ['pin'] }),
        });
      }),
    );
    const [entry] = await owner("select * from audit.entries where request_id = 'req-audit-1'");
    expect(entry).toMatchObject({
      dealership_id: A,
      actor_user_id: USER,
      actor_username: 'pat.manager',
      client_id: null,
      source: 'kit-test',
      entity_type: 'Note',
      entity_id: 'n-1',
      action: 'create',
      address: '203.0.113.9',
      user_agent: 'AuditTest/1.0',
    });
    expect(parseAuditChanges(entry!.changes)).toEqual([
      { field: 'body', from: null, to: 'audited', sealed: false },
      { field: 'pin', from: null, to: null, sealed: true },
    ]);
    // The sealed value is nowhere in the stored row.
    expect(JSON.stringify(entry)).not.toContain('1234');
  });

  it('leaves no entry when the change rolls back, and no change when the entry cannot be written', async () => {
    await expect(
      db.withTenant({ dealershipId: A, userId: USER }, async (em) => {
        await recordAudit(em, {
          source: 'kit-test',
          entityType: 'Note',
          entityId: 'rolled',
          action: 'update',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await owner("select id from audit.entries where entity_id = 'rolled'")).toEqual([]);

    await expect(
      db.withTenant({ dealershipId: A, userId: USER }, async (em) => {
        await em.execute(`insert into ${SCHEMA}.note (dealership_id, body) values (?, 'orphan')`, [
          A,
        ]);
        await recordAudit(em, {
          source: 'kit-test',
          entityType: '',
          entityId: 'x',
          action: 'create',
        });
      }),
    ).rejects.toThrow();
    expect(await owner(`select id from ${SCHEMA}.note where body = 'orphan'`)).toEqual([]);
  });

  it('attributes a job without a request scope to the transaction user, and a client as the actor', async () => {
    await db.withTenant({ dealershipId: A, userId: USER }, (em) =>
      recordAudit(em, {
        source: 'kit-test',
        entityType: 'Note',
        entityId: 'job',
        action: 'import',
      }),
    );
    await runInRequestScope(
      {
        requestId: 'req-client',
        principal: {
          userId: CLIENT,
          clientId: CLIENT,
          dealershipId: A,
          sessionId: 'c',
          username: 'Acme DMS',
          roles: [],
          permissions: [],
        },
      },
      () =>
        db.withTenant({ dealershipId: A, userId: CLIENT }, (em) =>
          recordAudit(em, {
            source: 'kit-test',
            entityType: 'Note',
            entityId: 'by-client',
            action: 'update',
          }),
        ),
    );
    const found = await owner(
      "select entity_id, actor_user_id, actor_username, client_id, request_id from audit.entries where entity_id in ('job', 'by-client') order by entity_id",
    );
    expect(found).toEqual([
      {
        entity_id: 'by-client',
        actor_user_id: null,
        actor_username: 'Acme DMS',
        client_id: CLIENT,
        request_id: 'req-client',
      },
      {
        entity_id: 'job',
        actor_user_id: USER,
        actor_username: null,
        client_id: null,
        request_id: null,
      },
    ]);
  });

  it('names a service identity (subject not a UUID) as the actor, with no user id', async () => {
    await runInRequestScope(
      {
        requestId: 'req-service',
        principal: {
          userId: 'service:deals',
          dealershipId: A,
          sessionId: 's',
          username: 'service:deals',
          roles: ['service'],
          permissions: [],
        },
      },
      () =>
        db.withTenant({ dealershipId: A }, (em) =>
          recordAudit(em, {
            source: 'kit-test',
            entityType: 'Vehicle',
            entityId: 'svc',
            action: 'status:SOLD',
          }),
        ),
    );
    expect(
      await owner(
        "select actor_user_id, actor_username from audit.entries where entity_id = 'svc'",
      ),
    ).toEqual([{ actor_user_id: null, actor_username: 'service:deals' }]);
  });

  it('writes for a dealership from system code, but never for another tenant from inside one', async () => {
    await db.asSystem((em) =>
      recordAudit(em, {
        source: 'kit-test',
        entityType: 'Session',
        entityId: 'sys',
        action: 'sign-in',
        dealershipId: B,
      }),
    );
    expect(await owner("select dealership_id from audit.entries where entity_id = 'sys'")).toEqual([
      { dealership_id: B },
    ]);
    await expect(
      db.withTenant({ dealershipId: A }, (em) =>
        recordAudit(em, {
          source: 'kit-test',
          entityType: 'Note',
          entityId: 'cross',
          action: 'create',
          dealershipId: B,
        }),
      ),
    ).rejects.toThrow(/not this tenant/);
    // Without a tenant and without a dealership there is no entry (dealership_id is required).
    await expect(
      db.asSystem((em) =>
        recordAudit(em, {
          source: 'kit-test',
          entityType: 'Note',
          entityId: 'none',
          action: 'create',
        }),
      ),
    ).rejects.toThrow();
  });
});

describe('audit.entries is tenant-owned', () => {
  it('shows a dealership only its own entries (wrong tenant sees nothing)', async () => {
    await db.withTenant({ dealershipId: B, userId: USER }, (em) =>
      recordAudit(em, {
        source: 'kit-test',
        entityType: 'Note',
        entityId: 'b-only',
        action: 'create',
      }),
    );
    const seenByA = await db.withTenant({ dealershipId: A }, (em) =>
      rows(em, "select entity_id from audit.entries where entity_id = 'b-only'"),
    );
    expect(seenByA).toEqual([]);
    const seenByB = await db.withTenant({ dealershipId: B }, (em) =>
      rows(em, "select entity_id from audit.entries where entity_id = 'b-only'"),
    );
    expect(seenByB).toEqual([{ entity_id: 'b-only' }]);
    // A plain insert naming another dealership is refused by the policy.
    await expect(
      db.withTenant({ dealershipId: A }, (em) =>
        em.execute(
          "insert into audit.entries (dealership_id, source, entity_type, entity_id, action) values (?, 'x', 'Note', 'forged', 'create')",
          [B],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('audit.entries is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE by the application role', async () => {
    for (const sql of [
      "update audit.entries set action = 'forged' where entity_id = 'n-1'",
      "delete from audit.entries where entity_id = 'n-1'",
      'truncate audit.entries',
    ]) {
      await expect(
        db.withTenant({ dealershipId: A, userId: USER }, (em) => em.execute(sql)),
      ).rejects.toThrow(/permission denied/);
    }
    expect(await owner("select action from audit.entries where entity_id = 'n-1'")).toEqual([
      { action: 'create' },
    ]);
  });

  it('refuses UPDATE and DELETE even by the table owner (trigger)', async () => {
    await expect(
      owner("update audit.entries set action = 'forged' where entity_id = 'n-1'"),
    ).rejects.toThrow(/append-only/);
    await expect(owner("delete from audit.entries where entity_id = 'n-1'")).rejects.toThrow(
      /append-only/,
    );
    await expect(owner('truncate audit.entries')).rejects.toThrow(/append-only/);
  });

  it('lets retention purge old entries of the own dealership only', async () => {
    await owner(
      "select audit.append_system($1, null, null, null, 'kit-test', 'Note', 'old', 'create', '[]'::jsonb, null, null, null)",
      [A],
    );
    await owner(
      "select audit.append_system($1, null, null, null, 'kit-test', 'Note', 'old', 'create', '[]'::jsonb, null, null, null)",
      [B],
    );
    const future = new Date(Date.now() + 60_000).toISOString();
    await expect(
      db.withTenant({ dealershipId: A }, (em) =>
        em.execute('select audit.purge_before(?, ?)', [B, future]),
      ),
    ).rejects.toThrow(/not this tenant/);
    const [purged] = await db.withTenant({ dealershipId: A }, (em) =>
      rows(em, 'select audit.purge_before(?, ?)::int as n', [A, future]),
    );
    expect(purged!.n).toBeGreaterThanOrEqual(1);
    expect(await owner('select distinct dealership_id from audit.entries order by 1')).toEqual([
      { dealership_id: B },
    ]);
    // The purge flag does not outlive the purge: a delete later in the same transaction is refused.
    await expect(
      // Two statements in one implicit transaction: the purge, then a plain delete.
      owner(
        `select audit.purge_before('${B}', now() - interval '1 year'); delete from audit.entries where entity_id = 'old'`,
      ),
    ).rejects.toThrow(/append-only/);
  });
});

describe('changesOf', () => {
  it('lists only changed fields, skips bookkeeping and renders values as text', () => {
    const before = {
      name: 'A',
      price: '100.00',
      version: 1,
      when: new Date('2026-01-01T00:00:00Z'),
      same: 1,
    };
    const after = {
      name: 'B',
      price: '100.00',
      version: 2,
      when: new Date('2026-02-01T00:00:00Z'),
      same: 1,
    };
    expect(changesOf(before, after)).toEqual([
      { field: 'name', from: 'A', to: 'B' },
      { field: 'when', from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
    ]);
  });
});
