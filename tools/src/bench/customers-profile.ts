// Profiling aid for `_entities` of 100 customers (not part of `npm run bench`): a small seed, the real
// subgraph in-process, N calls. Run under the profiler to see where a call's time goes:
//   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof tools/src/bench/customers-profile.ts
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { openDatabase, type Principal } from '@autolytiq/kit';
import { migrations, startCustomersSubgraph } from '@autolytiq/customers';
import { generatePiiKeyEntry } from '../../../subgraphs/customers/src/domain/pii-crypto.ts';
import { startEmbeddedPostgres, freePort } from '../embedded-postgres.ts';
import { startJwks, seedSql, time } from './customers.ts';
import { fmt, summarize } from './stats.ts';

const CALLS = Number(process.env.PROFILE_CALLS ?? 2000);
const dataDir = mkdtempSync(`${tmpdir()}/autolytiq-profile-customers-`);
chmodSync(dataDir, 0o755);
const pgServer = await startEmbeddedPostgres({
  dataDir: `${dataDir}/pg`,
  port: 0,
  ephemeral: true,
});
const db = await openDatabase({ url: pgServer.url, schema: 'customers', migrations });
const jwks = await startJwks();
let subgraph: Awaited<ReturnType<typeof startCustomersSubgraph>> | undefined;
try {
  await db.migrate();
  const dealershipId = randomUUID();
  const owner = new pg.Client({ connectionString: pgServer.url });
  await owner.connect();
  const q = seedSql(dealershipId, 2_000, 0);
  await owner.query(q.text, q.values);
  await owner.query('vacuum analyze customers.customers');
  const ids = (
    await owner.query<{ id: string }>(
      'select id from customers.customers order by created_at desc limit 100',
    )
  ).rows.map((r) => r.id);
  await owner.end();
  const principal: Principal = {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'bench',
    roles: ['salesperson'],
    permissions: ['customers.read', 'customers.write'],
  };
  const port = await freePort();
  const secret = randomBytes(24).toString('base64url');
  subgraph = await startCustomersSubgraph({
    PORT: port,
    HOST: '127.0.0.1',
    DATABASE_URL: pgServer.url,
    SUBGRAPH_SECRET: secret,
    AUTH_JWKS_URL: jwks.url,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    CUSTOMERS_PII_KEYS: generatePiiKeyEntry('bench'),
  });
  const token = await jwks.sign(principal);
  const body = JSON.stringify({
    query:
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id displayName emails phones { number } } } }',
    variables: { r: ids.map((id) => ({ __typename: 'Customer', id })) },
  });
  const call = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-subgraph-secret': secret,
      },
      body,
    });
    const json = (await res.json()) as { data?: { _entities: unknown[] } };
    if (json.data?._entities.filter(Boolean).length !== 100) throw new Error('bad answer');
  };
  for (let i = 0; i < 50; i++) await call();
  const s = summarize(await time(CALLS, call));
  console.log(
    `_entities, 100 customers (2,000 seeded): p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  n=${s.n}`,
  );
} finally {
  await subgraph?.stop();
  await jwks.close();
  await db.close();
  await pgServer.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
