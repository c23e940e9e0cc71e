// The ml engine's in-process figures (budgets from issue 16): classify one customer online, Prime
// choose with 6 strategies and 12 context features, and a full re-clustering of 100,000 customers.
// CPU time (process.cpuUsage) rather than wall time: the machine is shared.
import {
  clusterAndFlag,
  createPrime,
  createRng,
  createWhaco,
} from '../../../subgraphs/ml/src/engine/index.ts';
import { teamStatusOf } from '../../../subgraphs/ml/src/domain/team-model.ts';
import type { StoredDeal } from '../../../subgraphs/ml/src/store/deal-facts-store.ts';

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Seeded customers: `k` segments in `dims` features, 2 % scattered. */
function customers(n: number, dims: number, k: number, seed: number): number[][] {
  const rng = createRng(seed);
  const centres = Array.from({ length: k }, () =>
    Array.from({ length: dims }, () => 60 * rng.next()),
  );
  return Array.from({ length: n }, () => {
    if (rng.next() < 0.02) return Array.from({ length: dims }, () => -20 + 100 * rng.next());
    const c = centres[rng.int(k)] as number[];
    return c.map((m) => m + (0.5 + rng.next()) * rng.normal());
  });
}

export function benchMl(): void {
  const dims = 10;
  const history = customers(5000, dims, 6, 1);
  const model = clusterAndFlag(history, { seed: 1 }).model;
  const online = createWhaco({ model });
  const fresh = customers(50_000, dims, 6, 2);
  const classifyMs = cpuMs(() => fresh.forEach((p) => online.observe(p)));
  console.log('\nml engine (in-process, CPU time)');
  console.log(
    `  WHACO classify one customer online (${dims} features, k = ${model.centroids.length}): ${((classifyMs / fresh.length) * 1000).toFixed(2)} µs   (budget ≤ 200 µs)`,
  );

  const arms = ['balanced', 'low-payment', 'short-term', 'cash-incentive', 'lease', 'zero-down'];
  const prime = createPrime({ arms, contextDims: 12, seed: 1 });
  const rng = createRng(3);
  const context = () => Array.from({ length: 12 }, () => rng.normal());
  for (let t = 0; t < 2000; t++) {
    const x = context();
    prime.record(x, arms[t % arms.length] as string, rng.next() < 0.3 ? 1 : 0);
  }
  const contexts = Array.from({ length: 50_000 }, context);
  const chooseMs = cpuMs(() => contexts.forEach((x) => prime.choose(x)));
  const recordMs = cpuMs(() =>
    contexts.slice(0, 5000).forEach((x, i) => prime.record(x, arms[i % 6] as string, 1)),
  );
  console.log(
    `  Prime choose (6 strategies, 12 features): ${((chooseMs / contexts.length) * 1000).toFixed(2)} µs   (budget ≤ 100 µs); record ${((recordMs / 5000) * 1000).toFixed(2)} µs`,
  );

  const everyone = customers(100_000, dims, 6, 4);
  let k = 0;
  const clusterMs = cpuMs(() => {
    k = clusterAndFlag(everyone, { seed: 4 }).k;
  });
  console.log(
    `  WHACO full re-clustering of 100,000 customers (${dims} features): ${(clusterMs / 1000).toFixed(2)} s, k = ${k}   (budget ≤ 10 s)`,
  );

  // teamStatus for 50 salespeople: the network built from 90 days of a big store's deals (50 × 40
  // deals, each touched by its seller and a colleague 4 times) and integrated (200 steps, O(N²)).
  const now = new Date('2026-12-01T12:00:00Z');
  const people = Array.from(
    { length: 50 },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const teamRng = createRng(5);
  const deals: StoredDeal[] = people.flatMap((seller, i) =>
    Array.from({ length: 40 }, (_, d) => {
      const at = new Date(now.getTime() - teamRng.next() * 30 * 86_400_000);
      const colleague = people[(i + 1 + teamRng.int(49)) % 50] as string;
      return {
        dealId: `${i}-${d}`,
        customerId: `${i}-${d}`,
        salespersonId: seller,
        status: ['DRAFT', 'SUBMITTED', 'DELIVERED', 'CANCELLED'][teamRng.int(4)] as string,
        strategy: null,
        facts: {
          activity: Array.from({ length: 4 }, (_, e) => ({
            userId: e % 2 ? colleague : seller,
            at: new Date(at.getTime() + e * 3_600_000).toISOString(),
          })),
        } as StoredDeal['facts'],
        createdAt: at,
        updatedAt: at,
      };
    }),
  );
  // Warm as a running server is: it answers teamStatus on every board refresh, so the optimising
  // compiler has long since compiled it (one warm call measured about twice the steady cost).
  let members = 0;
  for (let w = 0; w < 30; w++) members = teamStatusOf(deals, now).members.length;
  const rounds = 100;
  const teamMs = cpuMs(() => {
    for (let r = 0; r < rounds; r++) members = teamStatusOf(deals, now).members.length;
  });
  console.log(
    `  teamStatus for ${members} salespeople (${deals.length} deals): ${(teamMs / rounds).toFixed(2)} ms   (budget ≤ 5 ms)`,
  );
}
