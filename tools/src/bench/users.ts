// `npm run bench -- users`: the administration's user search (`userAccounts(filter: { search })`,
// issue 14 budget: p95 ≤ 20 ms over 5,000 users) through the auth service in-process, against an
// embedded PostgreSQL: 5,000 users in one dealership and 1,000 in another (so row-level security has
// rows to keep out). Prints p50/p95 per kind of search and the CPU per search of PostgreSQL and of
// this process (read from /proc: comparable under load, unlike the latencies).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { openDatabase, type Principal } from '@autolytiq/kit';
import { migrations } from '../../../subgraphs/auth/src/migrations/index.ts';
import { UserAdmin } from '../../../subgraphs/auth/src/domain/user-admin.ts';
import { Lockout } from '../../../subgraphs/auth/src/domain/lockout.ts';
import { startEmbeddedPostgres } from '../embedded-postgres.ts';
import { cpuPerCall, time } from './customers.ts';
import { cpuByPart } from './process-cpu.ts';
import { fmt, summarize } from './stats.ts';

const USERS = 5_000;
const FIRST =
  'james mary john patricia robert jennifer michael linda william elizabeth david'.split(' ');
const LAST = 'smith johnson williams brown jones garcia miller davis rodriguez martinez'.split(' ');

/** Users generated in SQL: unique usernames, names from the lists, an address each. */
function seedSql(dealershipId: string, count: number, offset: number) {
  return {
    text: `
      insert into auth.users (dealership_id, username, display_name, email, password_hash, roles, status)
      select $1::uuid, f || '.' || l || i, initcap(f) || ' ' || initcap(l), f || '.' || l || i || '@example.com',
             '$2b$12$benchbenchbenchbenchbeOq7pbSIl7V5ZBq9i4vyfWlJ1qW2y8.Xy',
             array[(array['salesperson','sales_manager','finance'])[1 + i % 3]], 'active'
        from (select i, ($2::text[])[1 + i % array_length($2::text[], 1)] as f,
                     ($3::text[])[1 + (i * 7) % array_length($3::text[], 1)] as l
                from generate_series($4::int + 1, $4::int + $5::int) i) g`,
    values: [dealershipId, FIRST, LAST, offset, count],
  };
}

export async function benchUsers(): Promise<void> {
  const dir = mkdtempSync(`${tmpdir()}/bench-users-`);
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: `${dir}/pg`, port: 0, ephemeral: true });
  const db = await openDatabase({ url: server.url, schema: 'auth', migrations });
  try {
    await db.migrate();
    const dealershipId = randomUUID();
    const owner = new pg.Client({ connectionString: server.url });
    await owner.connect();
    try {
      for (const [d, n, offset] of [
        [dealershipId, USERS, 0],
        [randomUUID(), 1_000, USERS],
      ] as const) {
        const q = seedSql(d, n, offset);
        await owner.query(q.text, q.values);
      }
      await owner.query('vacuum analyze auth.users');
    } finally {
      await owner.end();
    }
    const admin: Principal = {
      userId: randomUUID(),
      dealershipId,
      sessionId: randomUUID(),
      username: 'bench-admin',
      roles: ['admin'],
      permissions: ['admin.users'],
    };
    const users = new UserAdmin(db, new Lockout(db), {
      webUrl: 'http://127.0.0.1',
      onMailQueued: () => undefined,
    });
    console.log(
      `\nUser search: userAccounts(filter: { search }, first: 25) over ${USERS.toLocaleString()} users (+1,000 in another dealership), in-process`,
    );
    const searches: Record<string, string[]> = {
      'name part ("garcia", "mary jo", ...)': ['garcia', 'mary jo', 'Rodriguez', 'liz'],
      'username / email fragment': ['john.smith90', 'davis4', 'a.jones99@', 'linda.brown3'],
      'broad ("son", "@example")': ['son', '@example', 'ia'],
      'no match': ['zzyzx', 'nobody.here'],
    };
    const all: number[] = [];
    for (const [label, terms] of Object.entries(searches)) {
      const run = (i: number) =>
        users.list(admin, { filter: { search: terms[i % terms.length]! }, first: 25 });
      for (let i = 0; i < terms.length * 3; i++) await run(i); // warm
      const before = cpuByPart();
      const samples = await time(200, (i) => run(i).then(() => undefined));
      const after = cpuByPart();
      all.push(...samples);
      const s = summarize(samples);
      const first = await run(0);
      console.log(
        `  ${label.padEnd(36)} p50 ${fmt(s.p50)}  p95 ${fmt(p95(samples))}  CPU/search ${cpuPerCall(before, after, samples.length)}  ("${terms[0]}" → ${first.totalCount})`,
      );
    }
    console.log(`  all searches                         p95 ${fmt(p95(all))}   (budget ≤ 20 ms)`);
  } finally {
    await db.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!;
}
