// Inventory figures: vehicle filter latency at 50,000 vehicles in one dealership, `_entities` for 100
// vehicles over HTTP (one batched SQL query), and offline VIN decode time. Runs on a throw-away embedded
// PostgreSQL; the subgraph is booted in-process (real schema, resolvers, RLS, HTTP) with a stub token
// verifier, so no auth subgraph is needed. Figures, not pass/fail.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { Agent, request } from 'undici';
import {
  bootSubgraph,
  createLogger,
  openDatabase,
  tenantOf,
  type Database,
  type Principal,
} from '@autolytiq/kit';
import { startEmbeddedPostgres } from '../embedded-postgres.ts';
import { fmt, summarize } from './stats.ts';
import { VehicleService } from '../../../subgraphs/inventory/src/domain/vehicle-service.ts';
import {
  buildSearch,
  type VehicleFilterInput,
  type VehicleSort,
} from '../../../subgraphs/inventory/src/domain/search.ts';
import { createVinDecoder } from '../../../subgraphs/inventory/src/domain/vin-decoder.ts';
import { computeCheckDigit } from '../../../subgraphs/inventory/src/domain/vin.ts';
import { migrations } from '../../../subgraphs/inventory/src/migrations/index.ts';
import { searchSql } from '../../../subgraphs/inventory/src/store/vehicle-search.ts';
import { createResolvers } from '../../../subgraphs/inventory/src/resolvers/index.ts';
import { ImportJobs } from '../../../subgraphs/inventory/src/domain/import-jobs.ts';

const VEHICLES = 50_000;
const OTHER_DEALERSHIP_VEHICLES = 10_000;

const SEED_SQL = `
  insert into inventory.vehicles (dealership_id, vin, stock_number, year, make, model, trim, body,
    drivetrain, exterior_color, interior_color, mileage, condition, msrp, invoice, cost, list_price,
    status, in_stock_date, photos, options)
  select $1::uuid,
    'BENCH' || lpad(i::text, 12, '0'),
    'S' || i,
    2008 + pg_temp.h(i, 'year', 18),
    (array['Toyota','Honda','Ford','Chevrolet','Nissan','Hyundai','Kia','Subaru','BMW','Jeep','Ram','Mazda'])[1 + pg_temp.h(i, 'make', 12)],
    (array['Alpha','Bravo','Camry','Civic','Delta','Echo'])[1 + pg_temp.h(i, 'model', 6)],
    (array['Base','SE','LE','XLE','Limited','Sport','Touring'])[1 + pg_temp.h(i, 'trim', 7)],
    (array['Sedan','SUV','Pickup','Coupe','Hatchback'])[1 + pg_temp.h(i, 'body', 5)],
    (array['FWD','AWD','4WD','RWD'])[1 + pg_temp.h(i, 'drive', 4)],
    (array['Silver','Black','White','Red','Blue','Gray'])[1 + pg_temp.h(i, 'ext', 6)],
    (array['Black','Gray','Tan'])[1 + pg_temp.h(i, 'int', 3)],
    pg_temp.h(i, 'miles', 150000),
    (array['NEW','USED','USED','CPO'])[1 + pg_temp.h(i, 'cond', 4)],
    (20000 + pg_temp.h(i, 'price', 50000))::numeric(12,2),
    (19000 + pg_temp.h(i, 'price', 48000))::numeric(12,2),
    (15000 + pg_temp.h(i, 'price', 45000))::numeric(12,2),
    (8000 + pg_temp.h(i, 'price', 60000) + 0.99)::numeric(12,2),
    (array['AVAILABLE','AVAILABLE','AVAILABLE','AVAILABLE','AVAILABLE','ON_HOLD','SOLD','IN_TRANSIT'])[1 + pg_temp.h(i, 'status', 8)],
    current_date - pg_temp.h(i, 'days', 365),
    array['https://cdn.example.com/' || i || '/1.jpg'],
    array['Package ' || pg_temp.h(i, 'pkg', 9)]
  from generate_series(1, $2::integer) as i`;

// Independent pseudo-random attributes (a plain i % n makes columns correlate and skews plans).
const HASH_FN_SQL = `create function pg_temp.h(i integer, salt text, n integer) returns integer
  language sql immutable as $$ select (hashtext(i::text || salt) & 2147483647) % n $$`;

const FILTERS: Array<{ name: string; filter: VehicleFilterInput | null; sort: VehicleSort }> = [
  { name: 'no filter, freshest first', filter: null, sort: 'DAYS_IN_STOCK_ASC' },
  { name: 'make=Toyota, price asc', filter: { make: 'Toyota' }, sort: 'PRICE_ASC' },
  { name: 'make+model+years 2018-2022', filter: { make: 'Honda', model: 'Civic', yearMin: 2018, yearMax: 2022 }, sort: 'YEAR_DESC' },
  { name: 'price 20k-30k, price desc', filter: { priceMin: '20000', priceMax: '30000' }, sort: 'PRICE_DESC' },
  { name: 'used+available+<50k mi, aged first', filter: { condition: ['USED'], status: ['AVAILABLE'], mileageMax: 50000 }, sort: 'DAYS_IN_STOCK_DESC' },
  { name: 'days in stock ≥ 300', filter: { daysInStockMin: 300 }, sort: 'DAYS_IN_STOCK_DESC' },
  { name: 'text "camry"', filter: { text: 'camry' }, sort: 'PRICE_ASC' },
  { name: 'text "silver awd touring"', filter: { text: 'silver awd touring' }, sort: 'YEAR_DESC' },
  { name: 'text "camry" + make=BMW (common word, no match)', filter: { text: 'camry', make: 'BMW' }, sort: 'DAYS_IN_STOCK_ASC' },
  { name: 'text "toyota" + 2025 + ≤12k (common, few)', filter: { text: 'toyota', yearMin: 2025, priceMax: '12000' }, sort: 'PRICE_DESC' },
  { name: 'VIN tail text "012345"', filter: { text: '012345' }, sort: 'PRICE_ASC' },
  { name: 'year≥2022 price≤25k mi≤30k, year desc', filter: { yearMin: 2022, priceMax: '25000', mileageMax: 30000 }, sort: 'YEAR_DESC' },
  { name: 'rare: make=BMW model=Echo CPO 2025', filter: { make: 'BMW', model: 'Echo', condition: ['CPO'], yearMin: 2025 }, sort: 'PRICE_ASC' },
]; // prettier-ignore

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 2 });

async function time(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))]!;
}

/** BENCH_EXPLAIN=1: prints each filter's plan as the app role under RLS (the budget's evidence). */
async function explainAll(db: Database, principal: Principal): Promise<void> {
  for (const f of FILTERS) {
    const { sql, params } = searchSql(
      principal.dealershipId,
      buildSearch(f.filter, f.sort, 25, null),
      f.name.includes('camry'),
    );
    const plan = await db.withTenant(tenantOf(principal), (em) =>
      em.execute<Array<Record<string, string>>>(
        `explain (analyze, buffers off, costs off) ${sql}`,
        params,
      ),
    );
    console.log(`  -- ${f.name}\n${plan.map((r) => `     ${Object.values(r)[0]}`).join('\n')}`);
  }
}

function withCheckDigit(vin: string): string {
  return vin.slice(0, 8) + computeCheckDigit(vin) + vin.slice(9);
}

export async function benchInventory(): Promise<void> {
  const dataDir = mkdtempSync(`${tmpdir()}/autolytiq-bench-inv-`);
  chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
  const dbName = `bench_inventory_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${dbName}`;
  const dbUrl = url.toString();
  const dealershipId = randomUUID();
  const principal: Principal = {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'bench',
    roles: ['manager'],
    permissions: ['inventory.read', 'inventory.write'],
  };
  const db = await openDatabase({ url: dbUrl, schema: 'inventory', migrations });
  let running: Awaited<ReturnType<typeof bootSubgraph>> | undefined;
  try {
    await db.migrate();
    const seeder = new pg.Client({ connectionString: dbUrl });
    seeder.on('error', () => undefined); // the server stopping at the end is not news
    await seeder.connect();
    await seeder.query(HASH_FN_SQL);
    let t = performance.now();
    await seeder.query(SEED_SQL, [dealershipId, VEHICLES]);
    // A second dealership's rows share the table and indexes, as in production.
    await seeder.query(SEED_SQL, [randomUUID(), OTHER_DEALERSHIP_VEHICLES]);
    // Steady state, as autovacuum leaves it: statistics and the visibility map (index-only scans).
    await seeder.query('vacuum analyze inventory.vehicles');
    await seeder.query('vacuum analyze inventory.vehicle_words');
    const seedMs = performance.now() - t;
    console.log(
      `\nInventory (${VEHICLES.toLocaleString('en-US')} vehicles in the measured dealership + ${OTHER_DEALERSHIP_VEHICLES.toLocaleString('en-US')} in another; seeded in ${(seedMs / 1000).toFixed(1)} s)`,
    );

    // Filter latency: the service call (SQL under RLS as the app role + mapping), first page of 25.
    const decoder = createVinDecoder();
    const service = new VehicleService(db, decoder);
    const all: number[] = [];
    if (process.env.BENCH_EXPLAIN) await explainAll(db, principal);
    console.log('  vehicle filters (first: 25; 5 warm-up + 40 timed each):');
    for (const f of FILTERS) {
      await time(5, () => service.search(principal, f.filter, f.sort, 25, null));
      const samples = await time(40, () => service.search(principal, f.filter, f.sort, 25, null));
      all.push(...samples);
      const s = summarize(samples);
      console.log(`    ${f.name.padEnd(42)} p50 ${fmt(s.p50)}  p95 ${fmt(p95(samples))}`);
    }
    const page1 = await service.search(principal, { make: 'Toyota' }, 'PRICE_ASC', 25, null);
    const deep = await time(40, () =>
      service.search(principal, { make: 'Toyota' }, 'PRICE_ASC', 25, page1.pageInfo.endCursor),
    );
    all.push(...deep);
    console.log(`    ${'page 2 (cursor) of make=Toyota'.padEnd(42)} p95 ${fmt(p95(deep))}`);
    console.log(`  ALL filters: p95 ${fmt(p95(all))}  (n=${all.length}; budget ≤ 50 ms at 50k)`);

    // _entities for 100 vehicles through the subgraph's HTTP endpoint.
    const ids = (
      await seeder.query<{ id: string }>(
        'select id from inventory.vehicles where dealership_id = $1 order by random() limit 100',
        [dealershipId],
      )
    ).rows.map((r) => r.id);
    await seeder.end();
    const secret = randomBytes(16).toString('hex');
    running = await bootSubgraph({
      name: 'inventory',
      config: {
        PORT: 0,
        HOST: '127.0.0.1',
        DATABASE_URL: dbUrl,
        SUBGRAPH_SECRET: secret,
        AUTH_JWKS_URL: 'http://127.0.0.1:1/unused',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
      },
      schemaUrl: new URL('../../../subgraphs/inventory/schema.graphql', import.meta.url),
      migrations,
      setup: async (subDb) => {
        const s = new VehicleService(subDb, decoder);
        const jobs = new ImportJobs(subDb, s, createLogger('bench', 'warn'));
        return {
          services: s,
          resolvers: createResolvers(s, jobs),
          verifyToken: async () => principal,
        };
      },
    });
    const endpoint = running.url;
    const body = JSON.stringify({
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Vehicle { id vin year make model listPrice status daysInStock } } }',
      variables: { r: ids.map((id) => ({ __typename: 'Vehicle', id })) },
    });
    const post = async () => {
      const res = await request(endpoint, {
        method: 'POST',
        dispatcher: agent,
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer bench',
          'x-subgraph-secret': secret,
        },
        body,
      });
      const json = (await res.body.json()) as { data?: { _entities: unknown[] }; errors?: unknown };
      if (json.errors || json.data?._entities.filter(Boolean).length !== 100)
        throw new Error(`_entities failed: ${JSON.stringify(json.errors)}`);
    };
    await time(20, post);
    const ent = summarize(await time(200, post));
    console.log(
      `  _entities for 100 vehicles (HTTP, one SQL query): p50 ${fmt(ent.p50)}  p90 ${fmt(ent.p90)}  p99 ${fmt(ent.p99)}  (n=${ent.n})`,
    );

    // Offline VIN decode, warmed as the inventory subgraph does at start (one VIN per common make
    // family and three model years, in the background there).
    t = performance.now();
    await decoder.warm();
    const warmUp = performance.now() - t;
    t = performance.now();
    await decoder.decode('KM8K2CAB4PU001140');
    const cold = performance.now() - t;
    const bases = [
      'KM8K2CAB4PU001140',
      '1HGCM82673A123456',
      '1M8GDM9AXKP042788',
      '5YJ3E1EA7KF317000',
    ];
    const vins = bases.flatMap((b) =>
      Array.from({ length: 50 }, (_, i) => withCheckDigit(b.slice(0, 11) + String(100000 + i * 7))),
    );
    const distinct = await time(vins.length, async () => {
      await decoder.decode(vins[Math.floor(Math.random() * vins.length)]!);
    });
    const first = summarize(distinct);
    const again = summarize(await time(200, () => decoder.decode('KM8K2CAB4PU001140')));
    console.log(
      `  VIN decode offline (vPIC via corgi + node:sqlite): warm-up ${fmt(warmUp)}, then first ${fmt(cold)}`,
    );
    console.log(
      `    ${vins.length} VINs (4 models × 50 serials, checks digits fixed): p50 ${fmt(first.p50)}  p90 ${fmt(first.p90)}  p99 ${fmt(first.p99)}  (budget ≤ 5 ms)`,
    );
    console.log(`    same VIN repeated: p50 ${fmt(again.p50)}  p99 ${fmt(again.p99)}`);
    await decoder.close();
  } finally {
    await running?.stop();
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchInventory().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
