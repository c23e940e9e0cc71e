// Subscriptions through the router on the real system (every subgraph and the router as processes,
// throw-away embedded PostgreSQL, in-process event bus in deals): (1) commit → client `next` with a
// cross-subgraph field (the buyer from customers), sequential; (2) 1,000 subscribed sockets on one
// router: extra router memory and its idle CPU; (3) a burst of 100 committed deal events in about a
// second fanned out to 200 subscribers: deliveries lost and time to drain. Figures only.
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signIn, startBenchSystem, type BenchSystem } from './bench-system.ts';
import { cpuByPart } from './process-cpu.ts';
import { fmt } from './stats.ts';

const pct = (s: number[], q: number) =>
  [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor(q * s.length))]!;

export async function gql<T>(system: BenchSystem, token: string, query: string, variables: object) {
  const res = await fetch(system.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** RSS (MiB) of this benchmark's router processes (tsx runs two per part). */
function routerRssMiB(): number {
  let kib = 0;
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (!/router\/src\/main\.[jt]s/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kib += Number(m[1]);
    } catch {
      // ended meanwhile
    }
  }
  return kib / 1024;
}

export function client(system: BenchSystem, token: string): Client {
  return createClient({
    url: system.routerUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
}

const EVENTS = `subscription { dealEvents { event { id kind } deal { id version buyer { lastName } } } }`;
const LIGHT = `subscription { dealEvents { event { id } } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $fee: Decimal!) { updateDeal(id: $id, version: $v, input: { docFee: $fee }) { id version } }`;

/** Draft deals of one bench vehicle and customer (a draft does not hold the vehicle). */
export async function someDeals(system: BenchSystem, token: string, n: number) {
  const stamp = Date.now();
  const vehicle = await gql<{ addVehicle: { id: string } }>(
    system,
    token,
    'mutation($i: AddVehicleInput!) { addVehicle(input: $i) { id } }',
    {
      i: {
        vin: '1M8GDM9AXKP042788',
        stockNumber: `RT${stamp}`,
        year: 2024,
        make: 'Buick',
        model: 'LaCrosse',
        mileage: 12,
        condition: 'NEW',
        msrp: '36000',
        listPrice: '34500',
        cost: '31000',
      },
    },
  );
  const customer = await gql<{ createCustomer: { customer: { id: string } } }>(
    system,
    token,
    'mutation($i: CustomerInput!) { createCustomer(input: $i, confirmNotDuplicate: true) { customer { id } } }',
    {
      i: {
        firstName: 'Realtime',
        lastName: `Bench${stamp}`,
        phones: [{ number: '512-555-0100' }],
        addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
      },
    },
  );
  const deals: Array<{ id: string; version: number }> = [];
  for (let i = 0; i < n; i++) {
    const { createDeal } = await gql<{ createDeal: { id: string; version: number } }>(
      system,
      token,
      'mutation($i: CreateDealInput!) { createDeal(input: $i) { id version } }',
      {
        i: {
          buyerId: customer.createCustomer.customer.id,
          vehicleId: vehicle.addVehicle.id,
          scenarios: [{ kind: 'CASH', name: 'Cash' }],
          // Every bench deal is on the one bench vehicle.
          acknowledgeOpenDeals: true,
        },
      },
    );
    deals.push(createDeal);
  }
  return deals;
}

export function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const end = Date.now() + ms;
    const tick = () =>
      check() ? resolve(true) : Date.now() > end ? resolve(false) : setTimeout(tick, 5);
    tick();
  });
}

export async function benchRealtime(): Promise<void> {
  process.env.ROUTER_WS_MAX_SOCKETS_PER_USER ??= '5000';
  process.env.ROUTER_WS_MAX_SOCKETS_PER_DEALERSHIP ??= '5000';
  const system = await startBenchSystem('realtime');
  const clients: Client[] = [];
  try {
    const token = await signIn(system, 'manager');
    const deals = await someDeals(system, token, 102);

    // (1) Latency: one subscriber, sequential edits of one deal.
    const one = client(system, token);
    clients.push(one);
    const arrivals: Array<{ id: string; version: number; at: number }> = [];
    one.subscribe(
      { query: EVENTS },
      {
        next: (v) => {
          const d = (v.data as { dealEvents: { deal: { id: string; version: number } } }).dealEvents
            .deal;
          arrivals.push({ id: d.id, version: d.version, at: performance.now() });
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    const deal = deals[0]!;
    let version = deal.version;
    // Warm-up until the subscription is live.
    for (let i = 0; i < 50 && arrivals.length === 0; i++) {
      version = (
        await gql<{ updateDeal: { version: number } }>(system, token, UPDATE, {
          id: deal.id,
          v: version,
          fee: `${100 + i}`,
        })
      ).updateDeal.version;
      await waitFor(() => arrivals.length > 0, 500);
    }
    const sentToNext: number[] = [];
    const answeredToNext: number[] = [];
    for (let i = 0; i < 60; i++) {
      const sent = performance.now();
      const res = await gql<{ updateDeal: { version: number } }>(system, token, UPDATE, {
        id: deal.id,
        v: version,
        fee: `${200 + i}`,
      });
      const answered = performance.now();
      version = res.updateDeal.version;
      await waitFor(() => arrivals.some((a) => a.version === version), 5000);
      const got = arrivals.find((a) => a.version === version);
      if (got) {
        sentToNext.push(got.at - sent);
        answeredToNext.push(Math.max(0, got.at - answered));
      }
    }
    console.log(
      '\nSubscriptions: commit → client next (dealEvents with deal.buyer from customers, one router)',
    );
    console.log(
      `  mutation sent → next    : p50 ${fmt(pct(sentToNext, 0.5))}  p95 ${fmt(pct(sentToNext, 0.95))}  (n=${sentToNext.length})`,
    );
    console.log(
      `  mutation answered → next: p50 ${fmt(pct(answeredToNext, 0.5))}  p95 ${fmt(pct(answeredToNext, 0.95))}  (budget p95 ≤ 50 ms, commit → next)`,
    );

    // (2) 1,000 subscribed sockets: extra router memory, idle CPU.
    const rssBefore = routerRssMiB();
    const many: Client[] = [];
    let live = 0;
    for (let i = 0; i < 1000; i++) {
      const c = client(system, token);
      many.push(c);
      c.on('connected', () => void live++);
      c.subscribe(
        { query: LIGHT },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      if (i % 50 === 49) await waitFor(() => live >= i + 1, 30_000);
    }
    await waitFor(() => live >= 1000, 60_000);
    await new Promise((r) => setTimeout(r, 3000));
    const rssAfter = routerRssMiB();
    const cpu0 = cpuByPart();
    await new Promise((r) => setTimeout(r, 10_000));
    const cpu1 = cpuByPart();
    const idle = (part: string) => (((cpu1.get(part) ?? 0) - (cpu0.get(part) ?? 0)) / 10) * 100;
    console.log(`\n1,000 sockets, each with a dealEvents subscription (connected: ${live})`);
    console.log(
      `  router RSS: ${rssBefore.toFixed(0)} MiB → ${rssAfter.toFixed(0)} MiB (+${(rssAfter - rssBefore).toFixed(0)} MiB; budget ≤ 200 MB)`,
    );
    console.log(
      `  idle CPU over 10 s: router ${idle('router').toFixed(2)} %, deals ${idle('deals').toFixed(2)} % of one core (budget ≤ 5 %)`,
    );
    await Promise.all(many.slice(200).map((c) => c.dispose()));

    // (3) Fan-out: 200 subscribers, 100 committed events in about one second.
    const counts = new Array<number>(200).fill(0);
    const fanout = many.slice(0, 200);
    await Promise.all(fanout.map((c) => c.dispose()));
    const subs: Client[] = [];
    for (let i = 0; i < 200; i++) {
      const c = client(system, token);
      subs.push(c);
      c.subscribe(
        { query: LIGHT },
        { next: () => void counts[i]!++, error: () => undefined, complete: () => undefined },
      );
    }
    // Live when every subscriber has heard a warm-up edit.
    let warm = deals[1]!.version;
    for (let i = 0; i < 100 && counts.some((n) => n === 0); i++) {
      warm = (
        await gql<{ updateDeal: { version: number } }>(system, token, UPDATE, {
          id: deals[1]!.id,
          v: warm,
          fee: `${300 + i}`,
        })
      ).updateDeal.version;
      await waitFor(() => counts.every((n) => n > 0), 1000);
    }
    await new Promise((r) => setTimeout(r, 1000));
    counts.fill(0);
    const burst = deals.slice(2, 102);
    const started = performance.now();
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i++) {
      const d = burst[i % burst.length]!;
      sends.push(
        gql(system, token, UPDATE, { id: d.id, v: d.version, fee: `${400 + i}` }).catch(() => null),
      );
      d.version += 1;
      await new Promise((r) => setTimeout(r, 10));
    }
    const results = await Promise.all(sends);
    const committed = results.filter((r) => r !== null).length;
    const sentIn = performance.now() - started;
    const drained = await waitFor(() => counts.every((n) => n >= committed), 180_000);
    const drainMs = performance.now() - started;
    const delivered = counts.reduce((a, b) => a + b, 0);
    console.log(
      `\nFan-out: ${committed} committed events in ${(sentIn / 1000).toFixed(2)} s to 200 subscribers`,
    );
    console.log(
      `  delivered ${delivered} of ${committed * 200} (lost ${committed * 200 - delivered}); all delivered: ${drained}; after ${(drainMs / 1000).toFixed(1)} s`,
    );
    clients.push(...subs);
  } finally {
    await Promise.all(clients.map((c) => Promise.resolve(c.dispose()).catch(() => undefined)));
    await system.shutdown();
  }
}
