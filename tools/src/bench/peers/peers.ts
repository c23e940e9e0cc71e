// `npm run bench -- peers`: this router against stock @apollo/gateway and Hive Gateway (in-flight
// deduplication off and on), all in front of the SAME subgraph processes and database, with the same
// queries: (a) `me { dealership { name } }`, (b) the full deal recap of bench/deals.ts on a seeded
// demo deal. Hive Gateway is installed into .bench-peers/ (its own folder, not a project dependency);
// the stock gateway is the project's own @apollo/gateway used as its docs show. Each peer's answer is
// compared with ours (same JSON), then runs are interleaved (round after round, every peer in turn)
// and the table gives requests/s, p50/p95 and CPU per request per process (read from /proc).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { subgraphEnvName } from '@autolytiq/kit';
import { ensureServerBuild } from '../../build.ts';
import { ROOT, SUPERGRAPH_PATH } from '../../compose.ts';
import { freePort } from '../../embedded-postgres.ts';
import { signIn, startBenchSystem } from '../bench-system.ts';
import { RECAP } from '../deals.ts';
import { cpuByPart, cpuPerRequest } from '../process-cpu.ts';
import { fmt, summarize } from '../stats.ts';

const PEERS_DIR = `${ROOT}.bench-peers`;
const HIVE_VERSION = '2.12.1'; // @graphql-hive/gateway-runtime (Hive Gateway 2.15's runtime)
const QUERY_A = '{ me { dealership { name } } }';
const IN_FLIGHT = 50;
const ROUNDS = 3;

interface Peer {
  name: string;
  url: string;
  /** The gateway's own process (its descendants included), for its CPU; undefined = ours. */
  process?: ChildProcess;
}

const agent = new Agent({ connections: IN_FLIGHT * 2, keepAliveTimeout: 30_000 });

async function post(url: string, token: string, query: string, variables?: object) {
  const res = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.body.json()) as { data?: unknown; errors?: unknown };
}

/** Installs Hive Gateway's runtime into .bench-peers/ once (npm, its own package.json). */
function ensureHive(): string {
  const marker = `${PEERS_DIR}/node_modules/@graphql-hive/gateway-runtime/package.json`;
  if (!existsSync(marker) || !readFileSync(marker, 'utf8').includes(`"${HIVE_VERSION}"`)) {
    mkdirSync(PEERS_DIR, { recursive: true });
    writeFileSync(`${PEERS_DIR}/package.json`, '{ "name": "bench-peers", "private": true }\n');
    console.log(
      `[peers] npm install @graphql-hive/gateway-runtime@${HIVE_VERSION} into .bench-peers/ …`,
    );
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', `@graphql-hive/gateway-runtime@${HIVE_VERSION}`],
      { cwd: PEERS_DIR, stdio: 'inherit' },
    );
  }
  // Run from inside the folder so its own node_modules resolve.
  const script = `${PEERS_DIR}/hive-gateway.mjs`;
  writeFileSync(script, readFileSync(`${ROOT}tools/src/bench/peers/hive-gateway.mjs`));
  return script;
}

async function startPeer(
  name: string,
  args: string[],
  env: Record<string, string>,
  readyWhen = 'listening',
): Promise<Peer> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...env,
      PEER_PORT: String(port),
      PORT: String(port),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 120_000);
    const onData = (d: Buffer) => {
      output += String(d);
      if (output.includes(readyWhen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += String(d)));
    child.once('exit', (code) => reject(new Error(`${name} exited ${code}:\n${output}`)));
  });
  return { name, url: `http://127.0.0.1:${port}/graphql`, process: child };
}

/** SIGTERM, then SIGKILL after 3 s: a peer left running would skew every later measurement. */
async function stopPeer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** CPU seconds of `pid` and its descendants (tsx runs the script in a child node). */
function treeCpu(pid: number): number {
  const stats = new Map<number, { ppid: number; seconds: number }>();
  for (const entry of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), {
        ppid: Number(f[1]),
        seconds: (Number(f[11]) + Number(f[12])) / 100,
      });
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const [p, { seconds }] of stats) {
    for (let q = p, hops = 0; q > 1 && hops < 16; hops++, q = stats.get(q)?.ppid ?? 0) {
      if (q === pid) {
        total += seconds;
        break;
      }
    }
  }
  return total;
}

interface Run {
  rps: number;
  samples: number[];
  gatewayMs: number;
  subgraphsMs: number;
  postgresMs: number;
  errors: number;
}

async function run(
  peer: Peer,
  token: string,
  query: string,
  vars: object | undefined,
  total: number,
) {
  const samples: number[] = [];
  let next = 0;
  let errors = 0;
  const before = cpuByPart();
  const gwBefore = peer.process ? treeCpu(peer.process.pid!) : 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < total) {
        next++;
        const s = performance.now();
        const body = await post(peer.url, token, query, vars);
        if (body.errors) errors++;
        samples.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const parts = new Map(cpuPerRequest(before, cpuByPart(), total));
  const subgraphsMs = [...parts]
    .filter(([p]) => !['router', 'postgres', 'benchmark client'].includes(p))
    .reduce((sum, [, ms]) => sum + ms, 0);
  const gatewayMs = peer.process
    ? ((treeCpu(peer.process.pid!) - gwBefore) * 1000) / total
    : (parts.get('router') ?? 0);
  return {
    rps: total / seconds,
    samples,
    gatewayMs,
    subgraphsMs,
    postgresMs: parts.get('postgres') ?? 0,
    errors,
  } satisfies Run;
}

export async function benchPeers(): Promise<void> {
  const loadAverage = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
  const hiveScript = ensureHive();
  const system = await startBenchSystem('peers', { demoData: true });
  const peers: Peer[] = [{ name: 'this router', url: system.routerUrl }];
  try {
    const token = await signIn(system, 'manager');
    const deals = (
      await post(system.routerUrl, token, '{ deals(first: 1) { edges { node { id } } } }')
    ).data as { deals: { edges: Array<{ node: { id: string } }> } };
    const dealId = deals.deals.edges[0]!.node.id;
    const env = {
      SUPERGRAPH_PATH,
      PEER_SUBGRAPHS: JSON.stringify(
        Object.fromEntries(
          Object.entries(system.subgraphs).map(([n, s]) => [n, { url: s.url, secret: s.secret }]),
        ),
      ),
    };
    const tsx = `${ROOT}node_modules/tsx/dist/cli.mjs`;
    // This router again, as a process of its own with deduplication off: the fair match for the
    // peers without it (ours above has it on, its default).
    const build = await ensureServerBuild();
    const routerEnv: Record<string, string> = {
      SUPERGRAPH_PATH,
      AUTH_JWKS_URL: `http://127.0.0.1:${system.subgraphs.auth!.port}/.well-known/jwks.json`,
      ROUTER_DEDUPE_QUERIES: 'false',
      LOG_LEVEL: 'info',
    };
    for (const [n, s] of Object.entries(system.subgraphs)) {
      routerEnv[subgraphEnvName(n, 'URL')] = s.url;
      routerEnv[subgraphEnvName(n, 'SECRET')] = s.secret;
    }
    peers.push(
      await startPeer(
        'this router, dedupe off',
        [`${build.dir}/router/src/main.js`],
        routerEnv,
        'router ready',
      ),
      await startPeer(
        '@apollo/gateway (stock)',
        [tsx, `${ROOT}tools/src/bench/peers/stock-gateway.ts`],
        env,
      ),
      await startPeer('Hive Gateway, dedupe off', [hiveScript], { ...env, PEER_DEDUPE: '0' }),
      await startPeer('Hive Gateway, dedupe on', [hiveScript], { ...env, PEER_DEDUPE: '1' }),
    );
    const queries = [
      { name: 'a  me { dealership }', query: QUERY_A, vars: undefined, total: 1500 },
      { name: 'b  full deal recap', query: RECAP, vars: { id: dealId }, total: 600 },
    ];
    console.log(`\nPeers on the same subgraphs (load average ${loadAverage()})`);
    for (const q of queries) {
      const ours = JSON.stringify((await post(system.routerUrl, token, q.query, q.vars)).data);
      for (const peer of peers.slice(1)) {
        const theirs = JSON.stringify((await post(peer.url, token, q.query, q.vars)).data);
        console.log(
          `  same JSON as ours, ${q.name}, ${peer.name}: ${theirs === ours ? 'yes' : 'NO'}`,
        );
      }
      for (const peer of peers) await run(peer, token, q.query, q.vars, 200); // warm-up
    }
    const results = new Map<string, Run[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of queries) {
        for (const peer of peers) {
          const key = `${q.name}\0${peer.name}`;
          results.set(key, [
            ...(results.get(key) ?? []),
            await run(peer, token, q.query, q.vars, q.total),
          ]);
        }
      }
    }
    printTable(
      queries.map((q) => q.name),
      peers.map((p) => p.name),
      results,
    );
    console.log(`  load average at end: ${loadAverage()}`);
  } finally {
    await Promise.all(peers.map((peer) => stopPeer(peer.process)));
    await system.shutdown();
  }
}

function printTable(queries: string[], peers: string[], results: Map<string, Run[]>): void {
  console.log(
    `\n  ${'query / gateway'.padEnd(48)} ${'req/s'.padStart(7)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}  CPU ms/request: gateway  subgraphs  postgres   gateway ÷ ours   errors`,
  );
  for (const q of queries) {
    const oursRuns = results.get(`${q}\0${peers[0]}`)!;
    const oursGw = oursRuns.reduce((s, r) => s + r.gatewayMs, 0) / oursRuns.length;
    for (const p of peers) {
      const runs = results.get(`${q}\0${p}`)!;
      const avg = (f: (r: Run) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
      const all = runs.flatMap((r) => r.samples).sort((x, y) => x - y);
      const lat = { ...summarize(all), p95: all[Math.floor(all.length * 0.95)] ?? 0 };
      console.log(
        `  ${`${q} — ${p}`.padEnd(48)} ${avg((r) => r.rps)
          .toFixed(0)
          .padStart(7)} ${fmt(lat.p50).padStart(9)} ${fmt(lat.p95).padStart(9)}  ${avg(
          (r) => r.gatewayMs,
        )
          .toFixed(2)
          .padStart(22)} ${avg((r) => r.subgraphsMs)
          .toFixed(2)
          .padStart(10)} ${avg((r) => r.postgresMs)
          .toFixed(2)
          .padStart(
            9,
          )} ${(avg((r) => r.gatewayMs) / oursGw).toFixed(2).padStart(15)} ${String(runs.reduce((s, r) => s + r.errors, 0)).padStart(8)}`,
      );
    }
  }
  console.log(`  (${ROUNDS} interleaved rounds, ${IN_FLIGHT} in flight, keep-alive, loopback)`);
}
