// `npm run bench`: prints the platform's figures. Figures, not pass/fail: budgets are in the issues
// and the figures go in the closing notes. Loopback only; bounded in time and count.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startSystem } from '../system.ts';
import { benchCustomers } from './customers.ts';
import { benchDeals } from './deals.ts';
import { benchInventory } from './inventory.ts';
import { benchRouterOverhead } from './router-overhead.ts';
import { benchStartup } from './startup.ts';
import { fmt } from './stats.ts';

const PASSWORD = 'bench-password-0123';

// Benchmarks send thousands of requests a minute as one user from one address: far above the
// router's abuse limits, which stay on (their counting is part of what is measured) but out of reach.
for (const name of ['USER', 'TENANT', 'IP', 'LOGIN']) {
  process.env[`ROUTER_RATE_LIMIT_${name}`] ??= '100000000';
}
const PARTS = ['startup', 'router', 'calc', 'customers', 'inventory', 'deals'];

async function routerFigures(): Promise<void> {
  const dataDir = mkdtempSync(`${tmpdir()}/autolytiq-bench-`);
  chmodSync(dataDir, 0o755);
  const system = await startSystem({
    dataDir,
    routerPort: 0,
    freePorts: true,
    authKeySecret: 'bench-auth-key-secret-0123456789abcdef',
    demoPassword: PASSWORD,
    resetDemoPasswords: false,
    logLevel: 'warn',
  });
  try {
    const login = await fetch(system.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation($p: String!) { login(input: { username: "sales", password: $p }) { accessToken } }',
        variables: { p: PASSWORD },
      }),
    }).then((r) => r.json() as Promise<{ data: { login: { accessToken: string } } }>);
    const result = await benchRouterOverhead(system, login.data.login.accessToken);
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
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
