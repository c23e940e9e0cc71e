// `npm run bench -- clients`: the OAuth client credentials grant through the router (issue 14 budget:
// POST /auth/token p95 ≤ 20 ms), and a client token's first GraphQL call, on the whole system
// (compiled, embedded PostgreSQL). Sequential on keep-alive connections; CPU per request by part from
// /proc, which holds under a loaded machine where latency does not. Figures, not pass/fail.
import { BENCH_PASSWORD, signIn, startBenchSystem } from './bench-system.ts';
import { cpuByPart, cpuPerRequest } from './process-cpu.ts';
import { fmt, summarize } from './stats.ts';

const REQUESTS = Number(process.env.BENCH_CLIENT_TOKENS ?? 400);

async function timed(n: number, run: () => Promise<void>) {
  for (let i = 0; i < 20; i++) await run(); // warm connections, key cache, plans
  const samples: number[] = [];
  const before = cpuByPart();
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  const cpu = cpuPerRequest(before, cpuByPart(), n)
    .map(([part, ms]) => `${part} ${ms.toFixed(2)} ms`)
    .join(', ');
  samples.sort((a, b) => a - b);
  return { ...summarize(samples), p95: samples[Math.floor(0.95 * samples.length)]!, cpu };
}

export async function benchClients(): Promise<void> {
  const system = await startBenchSystem('clients');
  try {
    const admin = await signIn(system, 'admin', BENCH_PASSWORD);
    const created = await fetch(system.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        query: `mutation { createApiClient(input: { name: "Bench DMS", permissions: ["inventory.read"] }) {
          clientId clientSecret } }`,
      }),
    });
    const { clientId, clientSecret } = (
      (await created.json()) as {
        data: { createApiClient: { clientId: string; clientSecret: string } };
      }
    ).data.createApiClient;
    const tokenUrl = new URL('/auth/token', system.routerUrl).toString();
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }).toString();
    let token = '';
    const grant = await timed(REQUESTS, async () => {
      const res = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      if (res.status !== 200) throw new Error(`token: HTTP ${res.status}`);
      token = ((await res.json()) as { access_token: string }).access_token;
    });
    const query = await timed(REQUESTS, async () => {
      const res = await fetch(system.routerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ vehicles(first: 5) { edges { node { id vin } } } }' }),
      });
      if (res.status !== 200) throw new Error(`vehicles: HTTP ${res.status}`);
      await res.arrayBuffer();
    });
    console.log('\nIntegration clients (through the router, sequential, keep-alive, loopback)');
    for (const [name, r] of [
      ['POST /auth/token (client credentials)', grant],
      ['vehicles(first: 5) with a client token', query],
    ] as const)
      console.log(
        `  ${name.padEnd(40)} p50 ${fmt(r.p50)}  p95 ${fmt(r.p95)}  p99 ${fmt(r.p99)}  (n=${r.n}; CPU/request: ${r.cpu || 'n/a'})`,
      );
    console.log('  budget: /auth/token p95 ≤ 20 ms');
  } finally {
    await system.shutdown();
  }
}
