// `npm run bench -- fetch`: query b of issue 18 alone — the full deal recap (deal + buyer + vehicle +
// 3 scenarios) through the router at 50 in flight — and what it costs: CPU per request of each part
// (router, subgraphs, PostgreSQL; /proc) and, when PostgreSQL preloads pg_stat_statements
// (EMBEDDED_PG_PRELOAD=pg_stat_statements), the statements it runs per request. The router's
// in-flight deduplication follows ROUTER_DEDUPE_QUERIES (say which in the figures); with it on, 50
// identical fetches in flight share subgraph work, so compare like with like.
// Profile a subgraph under this load: CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
import pg from 'pg';
import { signIn, startBenchSystem } from './bench-system.ts';
import { gql, RECAP, recapDeal } from './deals.ts';
import { cpuByPart, cpuPerRequest } from './process-cpu.ts';
import { fmt } from './stats.ts';

const IN_FLIGHT = 50;
const REQUESTS = Number(process.env.BENCH_FETCHES ?? 3000);

export async function benchDealFetch(): Promise<void> {
  const system = await startBenchSystem('fetch');
  try {
    const manager = await signIn(system, 'manager');
    const id = await recapDeal(system, manager);
    const fetchOnce = () => gql(system.routerUrl, manager, RECAP, { id });
    for (let i = 0; i < 300; i++) await fetchOnce();
    const dedupe = process.env.ROUTER_DEDUPE_QUERIES ?? 'true (default)';
    console.log(
      `\nQuery b (full deal recap) through the router, ${IN_FLIGHT} in flight, ROUTER_DEDUPE_QUERIES=${dedupe}`,
    );
    for (let round = 1; round <= 2; round++) {
      const samples: number[] = [];
      let next = 0;
      const before = cpuByPart();
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < REQUESTS) {
            next += 1;
            const s = performance.now();
            await fetchOnce();
            samples.push(performance.now() - s);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const cpu = cpuPerRequest(before, cpuByPart(), REQUESTS).filter(
        ([part]) => part !== 'benchmark client',
      );
      const total = cpu.reduce((sum, [, ms]) => sum + ms, 0);
      samples.sort((a, b) => a - b);
      console.log(
        `  round ${round}: ${(REQUESTS / seconds).toFixed(0)} req/s, p50 ${fmt(samples[Math.floor(samples.length / 2)]!)}; ` +
          `CPU per request ${total.toFixed(2)} ms (${cpu.map(([p, ms]) => `${p} ${ms.toFixed(2)}`).join(', ')})`,
      );
    }
    await statementsPerRequest(system.databaseUrl, fetchOnce);
  } finally {
    await system.shutdown();
  }
}

/** Statements PostgreSQL ran per fetch (sequential, so deduplication plays no part), by kind. */
async function statementsPerRequest(url: string, fetchOnce: () => Promise<unknown>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create extension if not exists pg_stat_statements');
    await client.query('select pg_stat_statements_reset()');
  } catch {
    console.log('  (statements per request: start with EMBEDDED_PG_PRELOAD=pg_stat_statements)');
    await client.end();
    return;
  }
  try {
    const n = 200;
    for (let i = 0; i < n; i++) await fetchOnce();
    const { rows } = await client.query<{ query: string; calls: string }>(
      `select left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query, calls from pg_stat_statements
        where query not like '%pg_stat_statements%' and calls >= $1 order by calls desc`,
      [n],
    );
    const total = rows.reduce((sum, r) => sum + Number(r.calls), 0) / n;
    console.log(`  statements per request (${n} sequential fetches): ${total.toFixed(1)}`);
    for (const r of rows)
      console.log(`    ${(Number(r.calls) / n).toFixed(1).padStart(5)}  ${r.query}`);
  } finally {
    await client.end();
  }
}
