// Audit trail figures (issue 14 budgets): auditLog filtered by entity over 1,000,000 entries in one
// dealership (p95 ≤ 30 ms), other filters and a second page for comparison, and what recordAudit adds
// to a mutation's transaction (p50 ≤ 1 ms), measured side by side (same transaction with and without
// the entry, interleaved). Throw-away embedded PostgreSQL; the admin subgraph's real service (RLS,
// app role). CPU per query from /proc (this process + PostgreSQL). Figures, not pass/fail.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { openDatabase, recordAudit, runInRequestScope, type Principal } from '@autolytiq/kit';
import { startEmbeddedPostgres } from '../embedded-postgres.ts';
import { cpuByPart, cpuPerRequest } from './process-cpu.ts';
import { fmt, summarize } from './stats.ts';
import { AuditLogService } from '../../../subgraphs/admin/src/domain/audit-log.ts';
import { migrations } from '../../../subgraphs/admin/src/migrations/index.ts';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const ENTITIES = 50_000; // ~20 entries per deal/customer/vehicle
const OTHER_DEALERSHIP_ENTRIES = 100_000;
const QUERIES = 400;
const WRITES = 1_000;

const SEED_SQL = `
  insert into audit.entries (dealership_id, at, actor_user_id, actor_username, source, entity_type,
    entity_id, action, changes, request_id, address, user_agent)
  select $1::uuid,
    now() - (i || ' seconds')::interval,
    ($3::uuid[])[1 + (i % 40)],
    'user' || (i % 40),
    (array['deals','customers','inventory'])[1 + (i % 3)],
    (array['Deal','Customer','Vehicle'])[1 + (i % 3)],
    'e' || ((i / 3) % $4::integer),
    (array['create','update','update','update','status:SOLD','reveal'])[1 + (i % 6)],
    '[{"f":"sellingPrice","a":"29500","b":"27000"}]'::jsonb,
    'req-' || i, '203.0.113.' || (i % 250), 'Mozilla/5.0 bench'
  from generate_series(1, $2::integer) as i`;

export async function benchAudit(): Promise<void> {
  const dataDir = mkdtempSync(`${tmpdir()}/autolytiq-bench-audit-`);
  chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
  const dbName = `bench_audit_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${dbName}`;
  const db = await openDatabase({ url: url.toString(), schema: 'admin', migrations, poolSize: 4 });
  const owner = new pg.Client({ connectionString: url.toString() });
  try {
    await db.migrate();
    await owner.connect();
    const dealershipId = randomUUID();
    const actors = Array.from({ length: 40 }, () => randomUUID());
    const t0 = Date.now();
    await owner.query(SEED_SQL, [dealershipId, ENTRIES, actors, ENTITIES]);
    await owner.query(SEED_SQL, [randomUUID(), OTHER_DEALERSHIP_ENTRIES, actors, ENTITIES]);
    await owner.query('analyze audit.entries');
    console.log(
      `\nAudit trail: ${ENTRIES.toLocaleString('en-US')} entries in one dealership (+${OTHER_DEALERSHIP_ENTRIES.toLocaleString('en-US')} in another), seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    const principal: Principal = {
      userId: actors[0]!,
      dealershipId,
      sessionId: randomUUID(),
      username: 'bench',
      roles: ['admin'],
      permissions: ['audit.read'],
    };
    const service = new AuditLogService(db);
    const pick = (n: number) => Math.floor(Math.random() * n);
    const types = ['Deal', 'Customer', 'Vehicle'];
    const cases: Array<{ name: string; run: () => Promise<unknown> }> = [
      {
        name: 'by entity (type + id), 25 newest',
        run: () =>
          service.page(
            principal,
            { entityType: types[pick(3)], entityId: `e${pick(ENTITIES)}` },
            25,
            null,
          ),
      },
      { name: 'no filter, 25 newest', run: () => service.page(principal, null, 25, null) },
      {
        name: 'by actor, 25 newest',
        run: () => service.page(principal, { actorId: actors[pick(40)] }, 25, null),
      },
      {
        name: 'by action=reveal + last 7 days',
        run: () =>
          service.page(
            principal,
            { action: 'reveal', from: new Date(Date.now() - 7 * 86_400_000) },
            25,
            null,
          ),
      },
    ];
    const firstPage = await service.page(principal, null, 100, null);
    cases.push({
      name: 'no filter, page 2 (cursor)',
      run: () => service.page(principal, null, 25, firstPage.pageInfo.endCursor),
    });
    for (const c of cases) {
      for (let i = 0; i < 20; i++) await c.run(); // warm the pool and caches
      const samples: number[] = [];
      const before = cpuByPart();
      for (let i = 0; i < QUERIES; i++) {
        const s = performance.now();
        await c.run();
        samples.push(performance.now() - s);
      }
      const cpu = cpuPerRequest(before, cpuByPart(), QUERIES)
        .map(([part, ms]) => `${part} ${ms.toFixed(2)} ms`)
        .join(', ');
      const r = summarize(samples);
      console.log(
        `  ${c.name.padEnd(36)} p50 ${fmt(r.p50)}  p95 ${fmt(samples.sort((a, b) => a - b)[Math.floor(0.95 * samples.length)]!)}  p99 ${fmt(r.p99)}  (n=${r.n}; CPU/query: ${cpu || 'n/a'})`,
      );
    }
    console.log('  budget: by entity p95 ≤ 30 ms');

    // What the audit entry adds to a write: the same small transaction (one UPDATE of the
    // dealership row), with and without recordAudit, interleaved so load drifts hit both alike.
    await owner.query(
      `insert into admin.dealerships (id, name, legal_name, address_line1, address_city, address_state, address_zip, timezone)
       values ($1, 'Bench', 'Bench LLC', '1 Main', 'Austin', 'TX', '78701', 'America/Chicago')`,
      [dealershipId],
    );
    const tenant = { dealershipId, userId: actors[0]! };
    const scope = { requestId: 'bench', principal, address: '127.0.0.1', userAgent: 'bench' };
    const plain: number[] = [];
    const audited: number[] = [];
    const write = (audit: boolean) =>
      runInRequestScope(scope, () =>
        db.withTenant(tenant, async (em) => {
          await em.execute('update admin.dealerships set version = version + 1 where id = ?', [
            dealershipId,
          ]);
          if (audit)
            await recordAudit(em, {
              source: 'bench',
              entityType: 'Dealership',
              entityId: dealershipId,
              action: 'update',
              changes: [{ field: 'version', from: '1', to: '2' }],
            });
        }),
      );
    for (let i = 0; i < 50; i++) await write(i % 2 === 0);
    for (let i = 0; i < WRITES; i++) {
      for (const audit of i % 2 === 0 ? [false, true] : [true, false]) {
        const s = performance.now();
        await write(audit);
        (audit ? audited : plain).push(performance.now() - s);
      }
    }
    const p = summarize(plain);
    const a = summarize(audited);
    console.log(`\nAudit write cost (one UPDATE transaction, ${WRITES} each, interleaved)`);
    console.log(`  without entry: p50 ${fmt(p.p50)}  p90 ${fmt(p.p90)}  p99 ${fmt(p.p99)}`);
    console.log(`  with entry   : p50 ${fmt(a.p50)}  p90 ${fmt(a.p90)}  p99 ${fmt(a.p99)}`);
    console.log(`  added p50    : ${fmt(a.p50 - p.p50)}   (budget ≤ 1 ms)`);
  } finally {
    await owner.end().catch(() => undefined);
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAudit();
}
