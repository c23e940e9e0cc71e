// `npm run bench`: prints the platform's figures. Figures, not pass/fail: budgets are in the issues
// and the figures go in the closing notes. Loopback only; bounded in time and count.
import { signIn, startBenchSystem } from './bench-system.ts';
import { benchAi } from './ai.ts';
import { benchAudit } from './audit.ts';
import { benchClients } from './clients.ts';
import { benchCustomers } from './customers.ts';
import { benchDealFetch } from './deal-fetch.ts';
import { benchDeals } from './deals.ts';
import { benchIdentity } from './identity.ts';
import { benchInventory } from './inventory.ts';
import { benchRealtime } from './realtime.ts';
import { benchRealtimeRate } from './realtime-rate.ts';
import { benchMl } from './ml.ts';
import { benchRouterOverhead } from './router-overhead.ts';
import { benchStartup } from './startup.ts';
import { benchUsers } from './users.ts';
import { fmt } from './stats.ts';
import { runFaultSuite } from '../faults/suite.ts';
import { benchPeers } from './peers/peers.ts';
import { benchSoak } from './soak.ts';

// Benchmarks send thousands of requests a minute as one user from one address: far above the
// router's abuse limits, which stay on (their counting is part of what is measured) but out of reach.
for (const name of ['USER', 'TENANT', 'IP', 'LOGIN']) {
  process.env[`ROUTER_RATE_LIMIT_${name}`] ??= '100000000';
}
const PARTS = [
  'startup',
  'router',
  'calc',
  'customers',
  'inventory',
  'deals',
  'identity',
  'realtime',
  'realtime-rate',
  'ml',
  'audit',
  'users',
  'clients',
  'ai',
  'fetch', // only when named: query b alone (the deals part measures it too, among much else)
  'faults', // only when named: it kills processes and restarts databases (its own)
  'peers', // only when named: installs Hive Gateway into .bench-peers/
  'soak', // only when named: SOAK_MINUTES (default 30) of steady load
];

async function routerFigures(): Promise<void> {
  const system = await startBenchSystem('router');
  try {
    const result = await benchRouterOverhead(system, await signIn(system, 'sales'));
    console.log('\nRouter overhead, me { dealership { name } } (sequential, keep-alive, loopback)');
    console.log(
      `  through router : p50 ${fmt(result.router.p50)}  p90 ${fmt(result.router.p90)}  p99 ${fmt(result.router.p99)}  (n=${result.router.n})`,
    );
    console.log(
      `  direct (2 hops): p50 ${fmt(result.direct.p50)}  p90 ${fmt(result.direct.p90)}  p99 ${fmt(result.direct.p99)}  (n=${result.direct.n})`,
    );
    console.log(`  overhead p50   : ${fmt(result.overheadP50)}   (budget ≤ 2 ms)`);
    console.log(
      `  router throughput: ${result.routerRps.toFixed(0)} req/s (autocannon, 8 connections, 5 s)`,
    );
  } finally {
    await system.shutdown();
  }
}

async function calcFigures(): Promise<void> {
  // The calc engine's own in-process benchmark, when the engine provides one.
  try {
    const mod = (await import('../../../subgraphs/calc/src/engine/bench.ts')) as {
      benchCalc?: () => Promise<unknown>;
    };
    if (mod.benchCalc) {
      console.log('\nCalc engine (in-process)');
      await mod.benchCalc();
    }
  } catch (error) {
    console.log(`\nCalc engine benchmark unavailable: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only && !PARTS.includes(only))
    throw new Error(`unknown part ${only}; one of ${PARTS.join(', ')}`);
  if (!only || only === 'startup') {
    const s = await benchStartup();
    console.log('\nnpm start → router ready');
    console.log(
      `  cold (fresh data: initdb, migrations, seed): ${(s.coldMs / 1000).toFixed(1)} s   (budget ≤ 30 s)`,
    );
    console.log(`  warm (existing data)                       : ${(s.warmMs / 1000).toFixed(1)} s`);
  }
  if (!only || only === 'router') await routerFigures();
  if (!only || only === 'calc') await calcFigures();
  if (!only || only === 'customers') await benchCustomers();
  if (!only || only === 'inventory') await benchInventory();
  if (!only || only === 'deals') await benchDeals();
  if (!only || only === 'identity') await benchIdentity();
  if (!only || only === 'realtime') await benchRealtime();
  if (!only || only === 'realtime-rate') await benchRealtimeRate();
  if (!only || only === 'ml') benchMl();
  if (!only || only === 'audit') await benchAudit();
  if (!only || only === 'users') await benchUsers();
  if (!only || only === 'clients') await benchClients();
  if (!only || only === 'ai') await benchAi();
  if (only === 'fetch') await benchDealFetch();
  if (only === 'faults' && !(await runFaultSuite())) process.exitCode = 1;
  if (only === 'peers') await benchPeers();
  if (only === 'soak' && !(await benchSoak())) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
