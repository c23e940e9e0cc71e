// auditLog / auditLogCsv against real PostgreSQL: entries written by recordAudit (as any subgraph
// writes them), read back newest first, filtered, paged by cursor, and never across dealerships.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import {
  changesOf,
  openDatabase,
  recordAudit,
  runInRequestScope,
  type Database,
  type Principal,
} from '@autolytiq/kit';
import { AuditLogService, csvCell } from '../src/domain/audit-log.ts';
import { migrations } from '../src/migrations/index.ts';
import { purgeExpiredAudit } from '../src/domain/audit-retention.ts';
import pg from 'pg';

const A = '00000000-0000-4000-8000-00000000aa01';
const B = '00000000-0000-4000-8000-00000000bb01';
const PAT = '00000000-0000-4000-8000-00000000f001';
const SAM = '00000000-0000-4000-8000-00000000f002';
const DEAL = '00000000-0000-4000-8000-00000000d001';

const principal = (dealershipId: string, userId: string, username: string): Principal => ({
  userId,
  dealershipId,
  sessionId: 's',
  username,
  roles: ['admin'],
  permissions: ['audit.read'],
});

let testDb: TestDatabase;
let db: Database;
let service: AuditLogService;

async function write(
  p: Principal,
  entityType: string,
  entityId: string,
  action: string,
  changes = changesOf({ price: '1.00' }, { price: '2.00' }),
) {
  await runInRequestScope(
    {
      principal: p,
      requestId: `r-${entityId}-${action}`,
      address: '198.51.100.7',
      userAgent: 'vitest',
    },
    () =>
      db.withTenant({ dealershipId: p.dealershipId, userId: p.userId }, (em) =>
        recordAudit(em, { source: 'test', entityType, entityId, action, changes }),
      ),
  );
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'admin', migrations });
  await db.migrate();
  service = new AuditLogService(db);
  const pat = principal(A, PAT, 'pat');
  const sam = principal(A, SAM, 'sam');
  await write(pat, 'Deal', DEAL, 'create');
  await write(sam, 'Deal', DEAL, 'update');
  await write(
    pat,
    'Customer',
    'c-1',
    'update',
    changesOf({ ssn: '123-45-6789' }, { ssn: '987-65-4321' }, { sealed: ['ssn'] }),
  );
  await write(pat, 'Deal', DEAL, 'status:SOLD');
  await write(principal(B, PAT, 'pat-b'), 'Deal', 'b-deal', 'create');
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const nodes = (page: { edges: { node: { action: string; entityId: string } }[] }) =>
  page.edges.map((e) => `${e.node.entityId}/${e.node.action}`);

describe('auditLog', () => {
  it('lists the dealership entries newest first with who, request id, address, user agent and changes', async () => {
    const page = await service.page(principal(A, PAT, 'pat'), null, 10, null);
    expect(nodes(page)).toEqual([
      `${DEAL}/status:SOLD`,
      'c-1/update',
      `${DEAL}/update`,
      `${DEAL}/create`,
    ]);
    const first = page.edges[3]!.node;
    expect(first).toMatchObject({
      actorUserId: PAT,
      actorUsername: 'pat',
      clientId: null,
      requestId: `r-${DEAL}-create`,
      address: '198.51.100.7',
      userAgent: 'vitest',
      changes: [{ field: 'price', from: '1.00', to: '2.00', sealed: false }],
    });
    expect(page.edges[1]!.node.changes).toEqual([
      { field: 'ssn', from: null, to: null, sealed: true },
    ]);
  });

  it('filters by entity, actor, action and time, and pages by cursor', async () => {
    const a = principal(A, PAT, 'pat');
    const byEntity = await service.page(a, { entityType: 'Deal', entityId: DEAL }, 2, null);
    expect(nodes(byEntity)).toEqual([`${DEAL}/status:SOLD`, `${DEAL}/update`]);
    expect(byEntity.pageInfo.hasNextPage).toBe(true);
    const next = await service.page(
      a,
      { entityType: 'Deal', entityId: DEAL },
      2,
      byEntity.pageInfo.endCursor,
    );
    expect(nodes(next)).toEqual([`${DEAL}/create`]);
    expect(next.pageInfo.hasNextPage).toBe(false);

    expect(nodes(await service.page(a, { actorId: SAM }, 10, null))).toEqual([`${DEAL}/update`]);
    expect(nodes(await service.page(a, { action: 'status:SOLD' }, 10, null))).toEqual([
      `${DEAL}/status:SOLD`,
    ]);
    const future = new Date(Date.now() + 60_000);
    expect(nodes(await service.page(a, { from: future }, 10, null))).toEqual([]);
    expect((await service.page(a, { to: future }, 10, null)).edges).toHaveLength(4);
  });

  it('never shows another dealership entries (wrong tenant)', async () => {
    const b = await service.page(principal(B, PAT, 'pat-b'), null, 10, null);
    expect(nodes(b)).toEqual(['b-deal/create']);
    const aLooksForB = await service.page(
      principal(A, PAT, 'pat'),
      { entityId: 'b-deal' },
      10,
      null,
    );
    expect(aLooksForB.edges).toEqual([]);
    const csv = await service.csv(principal(A, PAT, 'pat'), null);
    expect(csv.csv).not.toContain('b-deal');
  });

  it('refuses bad input with the field named', async () => {
    const a = principal(A, PAT, 'pat');
    await expect(service.page(a, { actorId: 'nope' }, 10, null)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.actorId' },
    });
    await expect(service.page(a, null, 10, 'garbage')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
    await expect(service.page(a, null, 500, null)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    await expect(
      service.page(a, { from: new Date('2026-02-01'), to: new Date('2026-01-01') }, 10, null),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.to' } });
  });
});

describe('auditLogCsv', () => {
  it('exports the filtered log as CSV, sealed values by name only', async () => {
    const out = await service.csv(principal(A, PAT, 'pat'), { entityType: 'Customer' });
    expect(out.rows).toBe(1);
    expect(out.truncated).toBe(false);
    const [header, line] = out.csv.trim().split('\r\n');
    expect(header).toBe(
      'at,actor_id,actor,client_id,action,entity_type,entity_id,changes,request_id,address,user_agent',
    );
    expect(line).toContain(
      `${PAT},pat,,update,Customer,c-1,ssn: (sealed),r-c-1-update,198.51.100.7,vitest`,
    );
    expect(out.csv).not.toContain('6789');
  });

  it('quotes cells and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
  });
});

describe('audit retention', () => {
  it("purges each dealership's entries past its own retention, nothing newer, nobody else's", async () => {
    const owner = new pg.Client({ connectionString: testDb.url });
    await owner.connect();
    try {
      for (const [id, days] of [
        [A, 365],
        [B, 3650],
      ] as const) {
        await owner.query(
          `insert into admin.dealerships (id, name, legal_name, address_line1, address_city, address_state,
             address_zip, timezone, audit_retention_days)
           values ($1, 'D', 'D LLC', '1 Main', 'Austin', 'TX', '78701', 'America/Chicago', $2)`,
          [id, days],
        );
        // Two years old: past A's one year, within B's ten.
        await owner.query(
          `insert into audit.entries (dealership_id, at, source, entity_type, entity_id, action)
           values ($1, now() - interval '730 days', 'test', 'Deal', 'ancient', 'create')`,
          [id],
        );
      }
      const removed = await purgeExpiredAudit(db);
      expect([...removed]).toEqual([[A, 1]]);
      const left = await owner.query(
        "select dealership_id from audit.entries where entity_id = 'ancient'",
      );
      expect(left.rows).toEqual([{ dealership_id: B }]);
      // Recent entries stay.
      expect((await service.page(principal(A, PAT, 'pat'), null, 10, null)).edges).toHaveLength(4);
    } finally {
      await owner.end();
    }
  });
});
