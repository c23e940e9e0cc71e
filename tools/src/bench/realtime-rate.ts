// A sustained 100 committed deal events a second for 10 s, each fanned out through the router to
// 200 subscribed sockets (issue 15's "100 events/s to 200 subscribers, no loss"), on the real system
// (compiled processes, throw-away embedded PostgreSQL). Reports: the commit rate reached, deliveries
// lost, delivery latency (request sent → subscriber's `next`, beside the mutation's own round trip,
// since the event may arrive before its response), CPU per event by part (/proc), and the load
// average — on a shared machine latency is inflated, CPU per event much less so. Figures only.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Client } from 'graphql-ws';
import { signIn, startBenchSystem } from './bench-system.ts';
import { cpuByPart } from './process-cpu.ts';
import { client, gql, someDeals, waitFor } from './realtime.ts';

// REALTIME_RATE_SUBSCRIBERS / _EVENTS_PER_SECOND change the shape (e.g. fewer subscribers, to see
// the commit path alone reach the rate).
const RATE = Number(process.env.REALTIME_RATE_EVENTS_PER_SECOND ?? 100);
const SECONDS = 10;
const SUBSCRIBERS = Number(process.env.REALTIME_RATE_SUBSCRIBERS ?? 200);
// Edits in flight are one per deal (never sent on a stale version): enough deals that a slow round
// trip on a loaded machine does not cap the rate at DEALS / round trip.
const DEALS = 200;
const WATCH = `subscription { dealEvents { event { id } deal { id version } } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $fee: Decimal!) { updateDeal(id: $id, version: $v, input: { docFee: $fee }) { id version } }`;

const q = (s: number[], p: number) =>
  s.length ? [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const load = () =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(' ');

interface Pending {
  sentAt: number;
}

export async function benchRealtimeRate(): Promise<void> {
  process.env.ROUTER_WS_MAX_SOCKETS_PER_USER ??= '5000';
  const system = await startBenchSystem('realtime-rate');
  const subs: Client[] = [];
  try {
    const token = await signIn(system, 'manager');
    const deals = (await someDeals(system, token, DEALS)).map((d) => ({ ...d, busy: false }));
    const sent = new Map<string, Pending>(); // `${dealId}:${version}` → when its edit was sent
    const latencies: number[] = [];
    const counts = new Array<number>(SUBSCRIBERS).fill(0);
    let measuring = false;
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const c = client(system, token);
      subs.push(c);
      c.subscribe(
        { query: WATCH },
        {
          next: (v) => {
            counts[i]!++;
            if (!measuring) return;
            const d = (v.data as { dealEvents: { deal: { id: string; version: number } } })
              .dealEvents.deal;
            const p = sent.get(`${d.id}:${d.version}`);
            if (p) latencies.push(performance.now() - p.sentAt);
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
    }
    // Live when every subscriber has heard a warm-up edit.
    const warm = deals[0]!;
    for (let i = 0; i < 60 && counts.some((n) => n === 0); i++) {
      warm.version = (
        await gql<{ updateDeal: { version: number } }>(system, token, UPDATE, {
          id: warm.id,
          v: warm.version,
          fee: `${200 + i}`,
        })
      ).updateDeal.version;
      await waitFor(() => counts.every((n) => n > 0), 1000);
    }
    if (counts.some((n) => n === 0)) throw new Error('not every subscriber is live');
    await new Promise((r) => setTimeout(r, 1000));
    counts.fill(0);
    measuring = true;

    const cpu0 = cpuByPart();
    const load0 = load();
    const roundTrips: number[] = [];
    const sends: Promise<boolean>[] = [];
    let skipped = 0;
    let next = 0;
    const started = performance.now();
    for (let n = 0; n < RATE * SECONDS; n++) {
      // On schedule: the n-th edit goes out at n / RATE seconds, whatever the earlier ones do.
      const due = started + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      let d = deals[next++ % DEALS]!;
      for (let k = 0; k < DEALS && d.busy; k++) d = deals[next++ % DEALS]!;
      if (d.busy) {
        skipped++;
        continue;
      }
      d.busy = true;
      const at = performance.now();
      sent.set(`${d.id}:${d.version + 1}`, { sentAt: at });
      sends.push(
        gql<{ updateDeal: { version: number } }>(system, token, UPDATE, {
          id: d.id,
          v: d.version,
          fee: `${300 + (n % 500)}`,
        }).then(
          (r) => {
            roundTrips.push(performance.now() - at);
            d.version = r.updateDeal.version;
            d.busy = false;
            return true;
          },
          () => {
            d.busy = false;
            return false;
          },
        ),
      );
    }
    const results = await Promise.all(sends);
    const sendSeconds = (performance.now() - started) / 1000;
    const committed = results.filter(Boolean).length;
    const drained = await waitFor(() => counts.every((c) => c >= committed), 60_000);
    const drainSeconds = (performance.now() - started) / 1000;
    const cpu1 = cpuByPart();
    const load1 = load();
    const delivered = counts.reduce((a, b) => a + b, 0);
    const cpu = (part: string) => (cpu1.get(part) ?? 0) - (cpu0.get(part) ?? 0);

    console.log(
      `\nSustained events: ${RATE}/s for ${SECONDS} s to ${SUBSCRIBERS} subscribers (dealEvents, one router)`,
    );
    console.log(`  load average before ${load0}, after ${load1} (2 cores, shared)`);
    console.log(
      `  committed ${committed} of ${RATE * SECONDS} edits (${skipped} not sent: every deal busy, ${RATE * SECONDS - skipped - committed} refused) in ${sendSeconds.toFixed(2)} s → ${(committed / sendSeconds).toFixed(1)} events/s`,
    );
    console.log(
      `  delivered ${delivered} of ${committed * SUBSCRIBERS} (lost ${committed * SUBSCRIBERS - delivered}); all delivered: ${drained}, ${drainSeconds.toFixed(1)} s after the first edit`,
    );
    console.log(
      `  edit sent → subscriber next: p50 ${ms(q(latencies, 0.5))}  p95 ${ms(q(latencies, 0.95))}  p99 ${ms(q(latencies, 0.99))}  (n=${latencies.length})`,
    );
    console.log(
      `  the edit's own round trip   : p50 ${ms(q(roundTrips, 0.5))}  p95 ${ms(q(roundTrips, 0.95))}  p99 ${ms(q(roundTrips, 0.99))}`,
    );
    const perEvent = (part: string) => ((cpu(part) * 1000) / Math.max(1, committed)).toFixed(2);
    const perDelivery = (part: string) =>
      ((cpu(part) * 1_000_000) / Math.max(1, delivered)).toFixed(0);
    console.log(
      `  CPU per committed event: router ${perEvent('router')} ms (${perDelivery('router')} µs per delivery), deals ${perEvent('deals')} ms, postgres ${perEvent('postgres')} ms, this client ${perEvent('benchmark client')} ms`,
    );
  } finally {
    await Promise.all(subs.map((c) => Promise.resolve(c.dispose()).catch(() => undefined)));
    await system.shutdown();
  }
}
