// `npm run bench -- soak`: a steady, moderate load for SOAK_MINUTES (default 30, the issue's figure)
// through the router — reads across auth, admin, inventory and customers, and customer writes — with a
// reading every 30 s of each process's resident memory (RSS) and open file descriptors, PostgreSQL's
// connection count, and the window's p95. Prints the curve, then checks against the first reading
// after warm-up (a sixth of the run): RSS growth ≤ 10 % (of both troughs and peaks: GC sawtooth), no
// growth in descriptors or connections (a few of slack: pools open on demand), p95 flat (last third
// ≤ 1.5× the first post-warm-up window).
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { startLoad, type Outcome } from '../faults/load.ts';
import { customerWrites } from '../faults/writes.ts';
import { signIn, startBenchSystem } from './bench-system.ts';
import { pidsByPart } from './process-cpu.ts';

interface Reading {
  minute: number;
  rssMiB: Map<string, number>;
  fds: Map<string, number>;
  connections: number;
  p95: number;
  requests: number;
  errors: number;
}

const sum = (pids: number[], read: (pid: number) => number) =>
  pids.reduce((total, pid) => total + read(pid), 0);
const rssOf = (pid: number) => {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};
const fdsOf = (pid: number) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
};

export async function benchSoak(): Promise<boolean> {
  const minutes = Number(process.env.SOAK_MINUTES ?? 30);
  const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
  console.log(`\nSoak, ${minutes} min (load average at start: ${uptime()})`);
  const system = await startBenchSystem('soak');
  const db = new pg.Client({ connectionString: system.databaseUrl });
  await db.connect();
  try {
    // Access tokens live 15 minutes: sign in again every 10 (as the web app refreshes).
    let token = await signIn(system, 'sales');
    const resign = setInterval(() => {
      signIn(system, 'sales').then(
        (fresh) => (token = fresh),
        () => undefined,
      );
    }, 10 * 60_000);
    const load = startLoad(
      system.routerUrl,
      () => token,
      [
        { label: 'me', query: '{ me { id username dealership { name } } }' },
        { label: 'vehicles', query: '{ vehicles(first: 10) { edges { cursor } } }' },
        { label: 'customers', query: '{ customers(first: 10) { edges { node { id } } } }' },
        customerWrites(`S${Date.now().toString(36)}`, 'createCustomer'),
      ],
      { workers: 2, pauseMs: 25 }, // moderate: a few dozen requests a second on this machine
    );
    const readings: Reading[] = [];
    const started = Date.now();
    let seen = 0;
    while (Date.now() - started < minutes * 60_000) {
      await new Promise((r) => setTimeout(r, 30_000));
      const window: Outcome[] = load.outcomes.slice(seen);
      seen = load.outcomes.length;
      const ms = window.map((o) => o.ms).sort((a, b) => a - b);
      const parts = pidsByPart();
      const { rows } = await db.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = current_database()',
      );
      readings.push({
        minute: (Date.now() - started) / 60_000,
        rssMiB: new Map([...parts].map(([part, pids]) => [part, sum(pids, rssOf)])),
        fds: new Map([...parts].map(([part, pids]) => [part, sum(pids, fdsOf)])),
        connections: rows[0]!.n - 1, // not this reader's own
        p95: ms[Math.floor(ms.length * 0.95)] ?? 0,
        requests: window.length,
        errors: window.filter((o) => o.kind !== 'ok').length,
      });
      const r = readings.at(-1)!;
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      console.log(
        `  ${r.minute.toFixed(1).padStart(5)} min  RSS ${total(r.rssMiB).toFixed(0)} MiB  fds ${total(r.fds)}  pg connections ${r.connections}  p95 ${r.p95} ms  requests ${r.requests}  errors ${r.errors}`,
      );
      // Each process's RSS: whether growth levels off (heap reaching its size) or keeps climbing.
      console.log(
        `          RSS MiB: ${[...r.rssMiB]
          .filter(([part]) => part !== 'postgres')
          .map(([part, mib]) => `${part} ${mib.toFixed(0)}`)
          .join(', ')}`,
      );
    }
    await load.stop();
    clearInterval(resign);
    return verdict(readings, uptime());
  } finally {
    await db.end();
    await system.shutdown();
  }
}

function verdict(readings: Reading[], loadAverage: string): boolean {
  const base = readings[Math.max(0, Math.floor(readings.length / 6))]!;
  const last = readings.at(-1)!;
  const lastThird = readings.slice(Math.floor((readings.length * 2) / 3));
  let ok = true;
  const check = (pass: boolean, what: string) => {
    console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${what}`);
    ok &&= pass;
  };
  // RSS is a GC sawtooth (tens of MiB between troughs and peaks), so single readings say little. A
  // leak lifts both the troughs and the peaks: growth = the smaller of the floor's and the peak's rise
  // from the readings after warm-up before the last third, to the last third.
  const earlier = readings.slice(
    Math.max(0, Math.floor(readings.length / 6)),
    Math.floor((readings.length * 2) / 3),
  );
  const span = (rs: Reading[], part: string) => {
    const values = rs.map((r) => r.rssMiB.get(part) ?? 0);
    return { low: Math.min(...values), high: Math.max(...values) };
  };
  console.log('\n  Per process, RSS low–high after warm-up → in the last third:');
  for (const part of base.rssMiB.keys()) {
    // PostgreSQL's backends come and go with the pools and count shared memory in each RSS:
    // its health here is the connection count below.
    if (part === 'postgres') continue;
    const before = span(earlier.length ? earlier : [base], part);
    const now = span(lastThird, part);
    const growth = Math.min(
      (now.low - before.low) / before.low,
      (now.high - before.high) / before.high,
    );
    console.log(
      `    ${part.padEnd(10)} RSS ${before.low.toFixed(0)}–${before.high.toFixed(0)} → ${now.low.toFixed(0)}–${now.high.toFixed(0)} MiB (growth ${(growth * 100).toFixed(1)} %)  fds ${base.fds.get(part)} → ${last.fds.get(part)}`,
    );
    check(growth <= 0.1, `${part}: RSS growth ≤ 10 % after warm-up`);
    check(
      (last.fds.get(part) ?? 0) <= (base.fds.get(part) ?? 0) + 5,
      `${part}: no file-descriptor growth`,
    );
  }
  check(
    last.connections <= base.connections + 5,
    `PostgreSQL connections ${base.connections} → ${last.connections}`,
  );
  const worst = Math.max(...lastThird.map((r) => r.p95));
  check(
    worst <= Math.max(base.p95 * 1.5, base.p95 + 20),
    `p95 flat: ${base.p95} ms after warm-up, worst ${worst} ms in the last third`,
  );
  check(
    readings.every((r) => r.errors === 0),
    'no errors',
  );
  console.log(`  load average at end: ${loadAverage}`);
  return ok;
}
